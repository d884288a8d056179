/**
 * Vehicles (车辆管理 A4.3, 车辆备案审核 A4.4): motor vehicles and e-bikes registered by registrants, their review
 * (approve or reject, e-bikes with a validity), the console list, imports and exports, and the e-bike QR labels with
 * their public scan page. Other modules use the facade {@link cn.campuspass.vehicle.Vehicles#findByPlate} and
 * {@link cn.campuspass.vehicle.Vehicles#submitRegistration}, and listen to
 * {@link cn.campuspass.vehicle.VehicleRegistrationDecided}; the {@code vehicle} table is this module's own.
 */
@org.springframework.modulith.ApplicationModule
package cn.campuspass.vehicle;
