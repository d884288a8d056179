package cn.campuspass.registrant.importing;

import cn.campuspass.platform.school.Identity;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The Chinese names of the identities as the template and its dropdown use them. */
final class IdentityLabels {

    private static final Map<String, Identity> BY_TEXT = new HashMap<>();

    static {
        for (Identity identity : Identity.values()) {
            BY_TEXT.put(identity.label(), identity);
            BY_TEXT.put(identity.name(), identity);
        }
    }

    private IdentityLabels() {}

    static String label(Identity identity) {
        return identity.label();
    }

    /** In template order: 学生, 教师, 第三方服务人员, 居民. */
    static List<String> labels() {
        return List.of(
                label(Identity.STUDENT),
                label(Identity.TEACHER),
                label(Identity.THIRD_PARTY),
                label(Identity.RESIDENT));
    }

    /** A Chinese label or an enum name in any case (student, THIRD_PARTY), already cleaned and half-width. */
    static Optional<Identity> parse(String text) {
        Identity identity = BY_TEXT.get(text);
        if (identity == null) {
            identity = BY_TEXT.get(text.toUpperCase(Locale.ROOT));
        }
        return Optional.ofNullable(identity);
    }
}
