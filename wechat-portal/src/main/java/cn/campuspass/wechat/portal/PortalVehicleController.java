package cn.campuspass.wechat.portal;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.OpenTo;
import cn.campuspass.storage.ObjectStore;
import cn.campuspass.storage.UploadPolicy;
import cn.campuspass.vehicle.OwnerRelation;
import cn.campuspass.vehicle.PlateNumber;
import cn.campuspass.vehicle.RegistrationStatus;
import cn.campuspass.vehicle.VehicleError;
import cn.campuspass.vehicle.VehicleType;
import cn.campuspass.vehicle.Vehicles;
import cn.campuspass.vehicle.VehiclesOfRegistrant;
import cn.campuspass.vehiclegate.PlateError;
import cn.campuspass.wechat.binding.PortalAccounts;
import cn.campuspass.wechat.session.PortalSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Vehicle registration from the registrant portal (R2, R4.6): 立即备案 / 备案更多机动车 for a car or an e-bike — one
 * multipart request with a JSON part {@code vehicle} and the photo parts {@code licencePhoto} (行驶证) and
 * {@code vehiclePhoto} — and 我的申请, the registrant's registrations with status and the reviewer's reason. Photos
 * are typed by their bytes and stored privately in the school's object storage; the plate is checked before any
 * photo is stored, and photos of a refused submission are removed again.
 */
@RestController
@RequestMapping("/portal/{school}/api")
@OpenTo(OpenTo.Audience.PORTAL_SESSION)
class PortalVehicleController {

    private final PortalAccounts accounts;
    private final Vehicles vehicles;
    private final VehiclesOfRegistrant mine;
    private final ObjectStore storage;

    PortalVehicleController(
            PortalAccounts accounts, Vehicles vehicles, VehiclesOfRegistrant mine, ObjectStore storage) {
        this.accounts = accounts;
        this.vehicles = vehicles;
        this.mine = mine;
        this.storage = storage;
    }

    record VehicleRegistrationRequest(
            @NotNull VehicleType type,
            @NotBlank @Size(max = 32) String plate,
            @NotBlank @Size(max = 50) String ownerName,
            @NotNull OwnerRelation relation) {}

    /** What the registrant sees of their registration: no reviewer account names. */
    record MyVehicle(
            long id,
            VehicleType type,
            String plate,
            String ownerName,
            OwnerRelation relation,
            RegistrationStatus status,
            String rejectReason,
            boolean longTerm,
            LocalDate validUntil,
            boolean enabled,
            Instant submittedAt,
            Instant reviewedAt) {

        static MyVehicle of(Vehicles.Item i) {
            return new MyVehicle(
                    i.id(),
                    i.type(),
                    i.plate(),
                    i.ownerName(),
                    i.relation(),
                    i.status(),
                    i.rejectReason(),
                    i.longTerm(),
                    i.validUntil(),
                    i.enabled(),
                    i.submittedAt(),
                    i.reviewedAt());
        }
    }

    @GetMapping("/vehicles")
    List<MyVehicle> list(PortalSession session) {
        long registrantId = accounts.requireActive(session);
        return mine.of(registrantId).stream().map(MyVehicle::of).toList();
    }

    @PostMapping(value = "/vehicles", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    MyVehicle submit(
            PortalSession session,
            @Valid @RequestPart("vehicle") VehicleRegistrationRequest request,
            @RequestPart(value = "licencePhoto", required = false) MultipartFile licencePhoto,
            @RequestPart(value = "vehiclePhoto", required = false) MultipartFile vehiclePhoto) {
        long registrantId = accounts.requireActive(session);
        if (PlateNumber.parse(request.plate(), request.type()).isEmpty()) {
            throw new ApiException(VehicleError.VEHICLE_PLATE_INVALID, request.plate());
        }
        // A car's licence (行驶证) is required; an e-bike may have none (city rules differ), its photo is required.
        if (vehiclePhoto == null
                || vehiclePhoto.isEmpty()
                || (request.type() == VehicleType.MOTOR && (licencePhoto == null || licencePhoto.isEmpty()))) {
            throw new ApiException(PlateError.PLATE_PHOTOS_REQUIRED);
        }
        byte[] vehicleBytes = PortalUploads.photo(vehiclePhoto);
        byte[] licenceBytes = licencePhoto == null || licencePhoto.isEmpty() ? null : PortalUploads.photo(licencePhoto);
        var school = SchoolContext.require();
        storage.prepareSchool(school);
        List<String> stored = new ArrayList<>();
        try {
            String licenceKey = licenceBytes == null ? null : put(registrantId, licenceBytes, stored);
            String vehicleKey = put(registrantId, vehicleBytes, stored);
            long id = vehicles.submitRegistration(
                    registrantId,
                    request.type(),
                    request.plate(),
                    request.ownerName(),
                    request.relation(),
                    licenceKey,
                    vehicleKey);
            return mine.of(registrantId).stream()
                    .filter(v -> v.id() == id)
                    .map(MyVehicle::of)
                    .findFirst()
                    .orElseThrow();
        } catch (RuntimeException e) {
            stored.forEach(key -> storage.delete(school, key));
            throw e;
        }
    }

    private String put(long registrantId, byte[] bytes, List<String> stored) {
        String type = UploadPolicy.PORTAL_PHOTO.sniff(
                bytes.length, Arrays.copyOf(bytes, Math.min(bytes.length, UploadPolicy.HEAD_BYTES)));
        String key = "vehicle-photos/" + registrantId + "/" + UUID.randomUUID() + "." + UploadPolicy.extension(type);
        storage.put(SchoolContext.require(), key, new ByteArrayInputStream(bytes), bytes.length, type);
        stored.add(key);
        return key;
    }
}
