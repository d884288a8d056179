/**
 * Personal-data access records (PIPL): who viewed or exported whose personal information in a school, kept in the
 * school's {@code pii_access_log}. Features that reveal or export personal data call {@link
 * cn.campuspass.privacy.PersonalDataLog} in the same transaction as the read.
 */
@org.springframework.modulith.ApplicationModule
package cn.campuspass.privacy;
