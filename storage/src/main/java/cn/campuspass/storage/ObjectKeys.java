package cn.campuspass.storage;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolCode;
import java.util.regex.Pattern;

/** Builds the absolute key of a school's object and refuses relative keys that could escape the school's space. */
final class ObjectKeys {

    private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._\\-/]{0,511}$");

    private ObjectKeys() {}

    static String schoolPrefix(SchoolCode school) {
        return "schools/" + school.value() + "/";
    }

    static String archive(String name) {
        if (name == null || !SAFE.matcher(name).matches() || name.contains("..") || name.contains("//")) {
            throw new ApiException(StorageError.INVALID_KEY);
        }
        return "archives/" + name;
    }

    static String absolute(SchoolCode school, String key) {
        if (key == null || !SAFE.matcher(key).matches() || key.contains("..") || key.contains("//")) {
            throw new ApiException(StorageError.INVALID_KEY);
        }
        return schoolPrefix(school) + key;
    }
}
