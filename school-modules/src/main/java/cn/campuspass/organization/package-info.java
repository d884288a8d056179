/**
 * A school's organization: campuses (校区) and gates (校门) for now, departments and positions later (A3.1, A3.2).
 * Everything here is school data living in the school's own schema.
 */
@org.springframework.modulith.ApplicationModule
package cn.campuspass.organization;
