package cn.campuspass.vehicle;

import cn.campuspass.platform.school.Identity;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A vehicle as the console's lists and details show it (A4.3, A4.4 columns); {@code registrantPhone} is always the
 * masked form. {@code relationLabel} and {@code statusLabel} are the Chinese names for exports and simple clients.
 */
record VehicleResponse(
        long id,
        VehicleType type,
        String plate,
        String ownerName,
        OwnerRelation relation,
        String relationLabel,
        Long registrantId,
        String registrantName,
        String registrantNumber,
        Identity registrantIdentity,
        Long identityTypeId,
        String identityTypeName,
        String registrantPhone,
        Long departmentId,
        String departmentName,
        Long managedDepartmentId,
        String managedDepartmentName,
        RegistrationStatus status,
        String statusLabel,
        String rejectReason,
        String reviewedBy,
        Instant reviewedAt,
        boolean longTerm,
        LocalDate validUntil,
        boolean expired,
        boolean enabled,
        int labelPrintCount,
        boolean hasLicencePhoto,
        boolean hasVehiclePhoto,
        String source,
        Instant submittedAt,
        Instant createdAt,
        Instant updatedAt,
        String updatedBy) {

    static VehicleResponse of(Vehicles.Item i, LocalDate today) {
        return new VehicleResponse(
                i.id(),
                i.type(),
                i.plate(),
                i.ownerName(),
                i.relation(),
                i.relation().label(),
                i.registrantId(),
                i.registrantName(),
                i.registrantNumber(),
                i.registrantIdentity(),
                i.identityTypeId(),
                i.identityTypeName(),
                i.registrantPhoneMasked(),
                i.departmentId(),
                i.departmentName(),
                i.managedDepartmentId(),
                i.managedDepartmentName(),
                i.status(),
                i.status().label(),
                i.rejectReason(),
                i.reviewedBy(),
                i.reviewedAt(),
                i.longTerm(),
                i.validUntil(),
                i.status() == RegistrationStatus.APPROVED && !i.validOn(today),
                i.enabled(),
                i.labelPrintCount(),
                i.hasLicencePhoto(),
                i.hasVehiclePhoto(),
                i.source(),
                i.submittedAt(),
                i.createdAt(),
                i.updatedAt(),
                i.updatedBy());
    }
}
