package cn.campuspass.platform.school;

import java.util.Map;
import java.util.Set;

/**
 * Tenant configuration read at run time by every surface (P4): which identities are open and where a face photo is
 * required. {@code faceRequiredByTeacherType} is keyed by teacher identity-type id and filled in once those types
 * exist.
 */
public record SchoolSettings(
        Set<Identity> openIdentities,
        Map<Identity, Boolean> faceRequired,
        Map<String, Boolean> faceRequiredByTeacherType) {

    public SchoolSettings {
        java.util.EnumSet<Identity> open = java.util.EnumSet.of(Identity.TEACHER);
        open.addAll(openIdentities);
        openIdentities = java.util.Collections.unmodifiableSet(open);
        faceRequired = Map.copyOf(faceRequired);
        faceRequiredByTeacherType = Map.copyOf(faceRequiredByTeacherType);
    }

    public static SchoolSettings defaults() {
        return new SchoolSettings(
                java.util.EnumSet.allOf(Identity.class),
                Map.of(Identity.STUDENT, false, Identity.THIRD_PARTY, false, Identity.RESIDENT, false),
                Map.of());
    }

    public boolean isOpen(Identity identity) {
        return identity.alwaysOpen() || openIdentities.contains(identity);
    }

    public boolean faceRequiredFor(Identity identity) {
        return faceRequired.getOrDefault(identity, false);
    }
}
