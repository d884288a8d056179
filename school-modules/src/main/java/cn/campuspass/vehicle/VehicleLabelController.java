package cn.campuspass.vehicle;

import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 电动自行车二维码打印 (A4.3): e-bikes with the tender's columns (plate, validity, times printed, owner, status,
 * registrant, 学号/工号, identity, departments, enabled), and the printable PDF sheet of their labels.
 */
@RestController
@RequestMapping("/admin/api/vehicle-labels")
class VehicleLabelController {

    private final Vehicles vehicles;
    private final VehicleLabels labels;
    private final Clock clock;

    VehicleLabelController(Vehicles vehicles, VehicleLabels labels, Clock clock) {
        this.vehicles = vehicles;
        this.labels = labels;
        this.clock = clock;
    }

    record LabelPage(List<VehicleResponse> items, long total) {}

    record PrintRequest(List<Long> ids) {}

    @GetMapping
    @RequiresPermission(VehiclePermissions.LABEL_LIST)
    LabelPage list(
            DataScope scope,
            @RequestParam(required = false) RegistrationStatus status,
            @RequestParam(required = false) Boolean enabled,
            @RequestParam(required = false) Boolean printed,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Long departmentId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        Vehicles.Found found = vehicles.search(
                new VehicleQuery.Filter(
                        VehicleType.EBIKE, status, enabled, q, null, null, departmentId, null, null, printed),
                scope,
                page,
                size);
        LocalDate today = LocalDate.now(clock);
        return new LabelPage(
                found.items().stream().map(i -> VehicleResponse.of(i, today)).toList(), found.total());
    }

    /** The PDF sheet (12 labels per A4 page); each chosen e-bike's print count goes up by one. */
    @PostMapping("/print")
    @RequiresPermission(VehiclePermissions.LABEL_PRINT)
    ResponseEntity<byte[]> print(@RequestBody PrintRequest request, StaffPrincipal principal) {
        byte[] pdf = labels.print(request.ids(), principal.scope());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("电动自行车二维码.pdf", StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(pdf);
    }
}
