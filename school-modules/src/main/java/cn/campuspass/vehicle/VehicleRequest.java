package cn.campuspass.vehicle;

import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A vehicle to create or edit, or a registration to add. {@code longTerm}/{@code validUntil} are an e-bike's
 * validity (ignored for motor vehicles and for pending registrations, whose validity the reviewer sets).
 */
record VehicleRequest(
        VehicleType type,
        @Size(max = 32) String plate,
        @Size(max = Vehicles.MAX_OWNER_NAME) String ownerName,
        OwnerRelation relation,
        Long registrantId,
        Boolean longTerm,
        LocalDate validUntil) {

    VehicleDraft draft() {
        return new VehicleDraft(
                type, plate, ownerName, relation, registrantId, Boolean.TRUE.equals(longTerm), validUntil);
    }
}
