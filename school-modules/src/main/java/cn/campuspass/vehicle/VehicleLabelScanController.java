package cn.campuspass.vehicle;

import cn.campuspass.platform.security.OpenTo;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public side of an e-bike label: a phone scanning the QR opens the portal page {@code /portal/<school>/ebike/<id>},
 * which asks here whether the e-bike is registered and valid and whose it is (names masked). No sign-in: a guard's
 * or a passer-by's phone must work; the signature stops enumeration and the rate limit stops brute force.
 */
@RestController
class VehicleLabelScanController {

    private final VehicleLabels labels;

    VehicleLabelScanController(VehicleLabels labels) {
        this.labels = labels;
    }

    @GetMapping("/portal/{school}/api/ebike-labels/{id}")
    @OpenTo(OpenTo.Audience.PUBLIC)
    ResponseEntity<VehicleLabels.ScanResult> scan(@PathVariable long id, @RequestParam(required = false) String s) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(labels.scan(id, s));
    }
}
