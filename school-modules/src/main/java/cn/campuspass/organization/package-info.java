/**
 * A school's organization: campuses (校区), gates (校门), departments and positions (A3.1, A3.2),
 * and its calendar of academic years and terms (A3.5; {@link cn.campuspass.organization.Terms#termOf} names the term of
 * a day).
 * Everything here is school data living in the school's own schema.
 */
@org.springframework.modulith.ApplicationModule
package cn.campuspass.organization;
