package cn.campuspass.vehicle;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolDirectory;
import cn.campuspass.platform.security.DataScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * E-bike QR labels (A4.3 电动自行车二维码打印): a sheet of labels for chosen e-bikes, each QR a signed link to the
 * public scan page, every print counted per vehicle; and the scan itself, which tells a guard or staff member with a
 * phone whether the e-bike is registered and valid, and to whom it belongs (masked).
 */
@Service
public class VehicleLabels {

    /** At most ten pages per sheet: a print run, not a way to dump the whole school. */
    public static final int MAX_PER_SHEET = VehicleLabelSheet.PER_PAGE * 10;

    private final Vehicles vehicles;
    private final SchoolDirectory directory;
    private final VehicleLabelLinks links;
    private final String publicUrl;
    private final Clock clock;

    VehicleLabels(
            Vehicles vehicles,
            SchoolDirectory directory,
            @Value("${campuspass.gate-link.secret}") String secret,
            @Value("${campuspass.public-url}") String publicUrl,
            Clock clock) {
        this.vehicles = vehicles;
        this.directory = directory;
        this.links = new VehicleLabelLinks(java.util.Base64.getDecoder().decode(secret));
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** What a scan shows: no id, no phone, the owner's and registrant's names masked. */
    public record ScanResult(
            String plate,
            String schoolName,
            RegistrationStatus status,
            boolean registered,
            boolean valid,
            boolean enabled,
            boolean longTerm,
            LocalDate validUntil,
            String ownerName,
            String registrantName) {}

    /** The signed scan link of an e-bike of the current school, as its label's QR holds it. */
    public String link(long vehicleId) {
        return links.link(publicUrl, SchoolContext.require().value(), vehicleId);
    }

    /** The label sheet of the chosen e-bikes (in the given order, duplicates once); counts each as printed. */
    @Transactional
    public byte[] print(List<Long> ids, DataScope scope) {
        Set<Long> unique = new LinkedHashSet<>(ids == null ? List.of() : ids);
        if (unique.isEmpty() || unique.size() > MAX_PER_SHEET || unique.contains(null)) {
            throw new ApiException(VehicleError.VEHICLE_LABEL_SELECTION_INVALID, MAX_PER_SHEET);
        }
        SchoolCode school = SchoolContext.require();
        String schoolName = directory.find(school).orElseThrow().name();
        List<VehicleLabelSheet.Label> labels = new ArrayList<>();
        for (Long id : unique) {
            Vehicles.Item item = vehicles.get(id, scope);
            if (item.type() != VehicleType.EBIKE) {
                throw new ApiException(VehicleError.VEHICLE_LABEL_EBIKES_ONLY);
            }
            labels.add(
                    new VehicleLabelSheet.Label(schoolName, item.plate(), links.link(publicUrl, school.value(), id)));
        }
        vehicles.countLabelsPrinted(List.copyOf(unique));
        return VehicleLabelSheet.pdf(labels);
    }

    /** The public scan (no sign-in): a wrong signature or a vehicle that is not an e-bike answers "invalid label". */
    @Transactional(readOnly = true)
    public ScanResult scan(long vehicleId, String signature) {
        SchoolCode school = SchoolContext.require();
        if (!links.verify(school.value(), vehicleId, signature)) {
            throw new ApiException(VehicleError.VEHICLE_LABEL_INVALID);
        }
        Vehicles.Item item = vehicles.find(vehicleId, DataScope.wholeSchool())
                .filter(i -> i.type() == VehicleType.EBIKE)
                .orElseThrow(() -> new ApiException(VehicleError.VEHICLE_LABEL_INVALID));
        LocalDate today = LocalDate.now(clock);
        boolean registered = item.status() == RegistrationStatus.APPROVED;
        return new ScanResult(
                item.plate(),
                directory.find(school).map(e -> e.name()).orElse(""),
                item.status(),
                registered,
                registered && item.enabled() && item.validOn(today),
                item.enabled(),
                item.longTerm(),
                item.validUntil(),
                maskName(item.ownerName()),
                maskName(item.registrantName()));
    }

    /** 张三 → 张*, 欧阳娜娜 → 欧***: the surname is enough to tell the owner, not enough to identify them. */
    static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        int first = name.codePointAt(0);
        int rest = name.codePointCount(0, name.length()) - 1;
        return new String(Character.toChars(first)) + "*".repeat(Math.max(1, rest));
    }
}
