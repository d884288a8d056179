/**
 * Violations (违章管理, A5.1–A5.2): the school's ticket items (罚单项目) and the tickets (罚单) staff issue to the
 * vehicle of a registrant or a visitor, with three photos in private object storage; the console lists, shows and
 * revokes them. Tickets of registrants are personal records scoped like the registrant list; a guard's own scope sees
 * the tickets they issued. Other modules use the facade {@link cn.campuspass.violation.Tickets}.
 */
@org.springframework.modulith.ApplicationModule
package cn.campuspass.violation;
