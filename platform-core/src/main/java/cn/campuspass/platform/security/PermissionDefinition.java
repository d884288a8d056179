package cn.campuspass.platform.security;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One permission a module declares.
 *
 * @param code {@code module:resource:action}, lower case with hyphens, e.g. {@code registrant:registrant:import}
 * @param menu the console menu it is grouped under in the role editor's permission tree (a {@link PermissionMenu})
 * @param nameZh the label in the role editor (Simplified Chinese)
 * @param nameEn the English label
 * @param grantedTo the seeded roles that receive it when a school first learns of it; a school admin changing a
 *     role later is never undone
 */
public record PermissionDefinition(
        String code, PermissionMenu menu, String nameZh, String nameEn, Set<SeededRole> grantedTo) {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]*:[a-z][a-z0-9-]*:[a-z][a-z0-9-]*");

    public PermissionDefinition {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("Permission code must be module:resource:action: " + code);
        }
        Objects.requireNonNull(menu, "menu");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
        grantedTo = Set.copyOf(grantedTo);
    }

    public static PermissionDefinition of(
            String code, PermissionMenu menu, String nameZh, String nameEn, SeededRole... grantedTo) {
        return new PermissionDefinition(code, menu, nameZh, nameEn, Set.of(grantedTo));
    }

    /** The module part of the code ({@code registrant} of {@code registrant:registrant:import}). */
    public String module() {
        return code.substring(0, code.indexOf(':'));
    }
}
