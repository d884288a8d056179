package cn.campuspass.vehicle;

import java.time.LocalDate;

/**
 * A vehicle as the console submits it, unchecked. The plate is checked for the type ({@link PlateNumber}); the
 * validity applies to e-bikes only: long-term, or until a date.
 */
public record VehicleDraft(
        VehicleType type,
        String plate,
        String ownerName,
        OwnerRelation relation,
        Long registrantId,
        boolean longTerm,
        LocalDate validUntil) {}
