/**
 * Vehicle gates (beyond the tender: what a campus barrier with a plate camera needs). A school marks some gates as
 * vehicle gates; a gate device posts each plate it reads and gets allow or deny at once, with the reason, and the
 * decision is written as a vehicle access record in the same transaction. The console lists those records within
 * the staff member's {@link cn.campuspass.platform.security.DataScope}. Built on the vehicle module's
 * {@code Vehicles.findByPlate} and the access module's device credentials and access rules.
 */
@org.springframework.modulith.ApplicationModule
package cn.campuspass.vehiclegate;
