package cn.campuspass.access;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Registrant access records (A6.1). */
@RestController
class AccessRecordController {

    private final AccessRecords records;

    AccessRecordController(AccessRecords records) {
        this.records = records;
    }

    /** Gate guards verify passes but do not browse who came and went. */
    @GetMapping("/admin/api/access-records")
    @RequiresPermission(AccessPermissions.RECORD_VIEW)
    AccessRecords.Page list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long departmentId,
            @RequestParam(required = false) Long managedDepartmentId,
            @RequestParam(required = false) Identity identity,
            @RequestParam(required = false) Long gateId,
            @RequestParam(required = false) VerificationMethod method,
            @RequestParam(required = false) AccessRecords.Result result,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            DataScope scope) {
        return records.search(
                new AccessRecords.Filter(
                        q, from, to, departmentId, managedDepartmentId, identity, gateId, method, result),
                scope,
                page,
                size);
    }
}
