/**
 * Registrants (备案人, A4.2): the people of a school who pass its gates — their records, the Excel import
 * ({@code importing}, a plain engine wired here to the school's data) and, later, access rules and WeChat binding.
 */
@org.springframework.modulith.ApplicationModule
package cn.campuspass.registrant;
