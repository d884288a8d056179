package cn.campuspass.visitor;

import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The console's audited view of a visitor's whole ID card number; every view is in the personal-data log. */
@RestController
class VisitorIdNumberController {

    private final VisitorIdNumbers idNumbers;

    VisitorIdNumberController(VisitorIdNumbers idNumbers) {
        this.idNumbers = idNumbers;
    }

    @GetMapping("/admin/api/visitors/{id}/id-number")
    @RequiresPermission(VisitorPrivacyPermissions.REVEAL_ID)
    ResponseEntity<VisitorIdNumbers.Revealed> idNumber(@PathVariable long id, DataScope scope) {
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(idNumbers.reveal(id, scope));
    }
}
