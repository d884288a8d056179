package cn.campuspass.platform.school;

import java.util.Map;
import java.util.Set;

/**
 * Tenant configuration read at run time by every surface (P4): which identities are open and where a face photo is
 * required. {@code faceRequiredByTeacherType} is keyed by identity-type id (A4.1; the spec names teacher types, and
 * any type may override its identity): a type listed there decides for its registrants, others follow the identity. {@code smsAtFirstBinding}: the portal binds a WeChat account to a registrant only after an SMS code sent to
 * the registrant's registered phone is confirmed (R1), so knowing someone's 学号 and ID tail is not enough.
 */
public record SchoolSettings(
        Set<Identity> openIdentities,
        Map<Identity, Boolean> faceRequired,
        Map<String, Boolean> faceRequiredByTeacherType,
        boolean smsAtFirstBinding) {

    public SchoolSettings {
        java.util.EnumSet<Identity> open = java.util.EnumSet.of(Identity.TEACHER);
        open.addAll(openIdentities);
        openIdentities = java.util.Collections.unmodifiableSet(open);
        faceRequired = Map.copyOf(faceRequired);
        faceRequiredByTeacherType = Map.copyOf(faceRequiredByTeacherType);
    }

    /** Settings without the SMS check at first binding (the default). */
    public SchoolSettings(
            Set<Identity> openIdentities,
            Map<Identity, Boolean> faceRequired,
            Map<String, Boolean> faceRequiredByTeacherType) {
        this(openIdentities, faceRequired, faceRequiredByTeacherType, false);
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

    /** A registrant's face requirement: their identity type's own setting if it has one, else the identity's. */
    public boolean faceRequiredFor(Identity identity, Long identityTypeId) {
        if (identityTypeId != null) {
            Boolean byType = faceRequiredByTeacherType.get(String.valueOf(identityTypeId));
            if (byType != null) {
                return byType;
            }
        }
        return faceRequiredFor(identity);
    }
}
