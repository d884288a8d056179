package cn.campuspass.vehicle;

import cn.campuspass.platform.school.SchoolCode;

/**
 * A vehicle registration was approved or rejected (A4.4). Published inside the deciding transaction; listeners that
 * tell the registrant (a WeChat template message) should react after commit.
 *
 * @param registrantId who registered it; null when the vehicle is linked to nobody
 * @param reason the rejection reason; null when approved
 */
public record VehicleRegistrationDecided(
        SchoolCode school, long vehicleId, Long registrantId, boolean approved, String reason) {}
