package cn.campuspass.platform.school;

import java.util.Map;
import java.util.Set;

/**
 * Tenant configuration read at run time by every surface (P4): which identities are open and where a face photo is
 * required. {@code faceRequiredByTeacherType} is keyed by identity-type id (A4.1; the spec names teacher types, and
 * any type may override its identity): a type listed there decides for its registrants, others follow the identity. {@code smsAtFirstBinding}: the portal binds a WeChat account to a registrant only after an SMS code sent to
 * the registrant's registered phone is confirmed (R1), so knowing someone's 学号 and ID tail is not enough.
 * {@code visitorRetentionDays}: how many days after a visitor's last booking or profile change the visitor's personal
 * data (name, phone, ID card number, avatar, the copies on their bookings) is erased (PIPL: kept no longer than the
 * purpose needs); bookings stay, anonymised, for the statistics. {@code accessRetentionMonths}: how many months of
 * registrant access records the school keeps (issue 11 item 7): whole month partitions entirely older than that are
 * dropped by the access module's daily housekeeping; {@value #KEEP_ACCESS_RECORDS_FOREVER} keeps them forever.
 */
public record SchoolSettings(
        Set<Identity> openIdentities,
        Map<Identity, Boolean> faceRequired,
        Map<String, Boolean> faceRequiredByTeacherType,
        boolean smsAtFirstBinding,
        int visitorRetentionDays,
        int accessRetentionMonths) {

    /** The access-record retention of a school that never chose one: three years. */
    public static final int DEFAULT_ACCESS_RETENTION_MONTHS = 36;

    /** The shortest access-record retention a school may choose (half a year) and the longest (ten years). */
    public static final int MIN_ACCESS_RETENTION_MONTHS = 6;

    public static final int MAX_ACCESS_RETENTION_MONTHS = 120;

    /** The access-record retention that keeps every month. */
    public static final int KEEP_ACCESS_RECORDS_FOREVER = 0;

    /** The visitor retention of a school that never chose one: half a year after the last visit. */
    public static final int DEFAULT_VISITOR_RETENTION_DAYS = 180;

    /** Bounds of the visitor retention a school may choose (a week to ten years). */
    public static final int MIN_VISITOR_RETENTION_DAYS = 7;

    public static final int MAX_VISITOR_RETENTION_DAYS = 3650;

    public SchoolSettings {
        if (visitorRetentionDays <= 0) {
            visitorRetentionDays = DEFAULT_VISITOR_RETENTION_DAYS;
        }
        if (accessRetentionMonths < 0) {
            accessRetentionMonths = DEFAULT_ACCESS_RETENTION_MONTHS;
        }
        java.util.EnumSet<Identity> open = java.util.EnumSet.of(Identity.TEACHER);
        open.addAll(openIdentities);
        openIdentities = java.util.Collections.unmodifiableSet(open);
        faceRequired = Map.copyOf(faceRequired);
        faceRequiredByTeacherType = Map.copyOf(faceRequiredByTeacherType);
    }

    /** Settings with the default access-record retention. */
    public SchoolSettings(
            Set<Identity> openIdentities,
            Map<Identity, Boolean> faceRequired,
            Map<String, Boolean> faceRequiredByTeacherType,
            boolean smsAtFirstBinding,
            int visitorRetentionDays) {
        this(
                openIdentities,
                faceRequired,
                faceRequiredByTeacherType,
                smsAtFirstBinding,
                visitorRetentionDays,
                DEFAULT_ACCESS_RETENTION_MONTHS);
    }

    /** Whether access records are kept forever (no month is ever dropped). */
    public boolean keepsAccessRecordsForever() {
        return accessRetentionMonths == KEEP_ACCESS_RECORDS_FOREVER;
    }

    /** Settings with the default visitor retention. */
    public SchoolSettings(
            Set<Identity> openIdentities,
            Map<Identity, Boolean> faceRequired,
            Map<String, Boolean> faceRequiredByTeacherType,
            boolean smsAtFirstBinding) {
        this(
                openIdentities,
                faceRequired,
                faceRequiredByTeacherType,
                smsAtFirstBinding,
                DEFAULT_VISITOR_RETENTION_DAYS);
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
