package cn.campuspass.registrant;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Identity types of the caller's school (A4.1): list with 名称、对应身份、状态、创建时间, create, query, edit,
 * enable/disable, delete (refused while registrants hold the type). Face settings per type are part of the school
 * settings (A4.2 b) and only shown here.
 */
@RestController
@RequestMapping("/admin/api/identity-types")
class IdentityTypeController {

    private final IdentityTypes types;

    IdentityTypeController(IdentityTypes types) {
        this.types = types;
    }

    record IdentityTypeRequest(String name, Identity identity, Boolean enabled) {}

    record IdentityTypeResponse(
            long id,
            String name,
            Identity identity,
            boolean enabled,
            long registrants,
            Boolean faceRequiredOverride,
            boolean faceRequired,
            Instant createdAt,
            Instant updatedAt,
            String updatedBy) {

        static IdentityTypeResponse of(IdentityTypes.View v) {
            return new IdentityTypeResponse(
                    v.id(),
                    v.name(),
                    v.identity(),
                    v.enabled(),
                    v.registrants(),
                    v.faceRequiredOverride(),
                    v.faceRequired(),
                    v.createdAt(),
                    v.updatedAt(),
                    v.updatedBy());
        }
    }

    @GetMapping
    @RequiresPermission(RegistrantPermissions.IDENTITY_TYPE_VIEW)
    List<IdentityTypeResponse> list(
            @RequestParam(required = false) Identity identity,
            @RequestParam(required = false) Boolean enabled,
            @RequestParam(required = false) String q) {
        return types.list(new IdentityTypes.Filter(identity, enabled, q)).stream()
                .map(IdentityTypeResponse::of)
                .toList();
    }

    @GetMapping("/{id}")
    @RequiresPermission(RegistrantPermissions.IDENTITY_TYPE_VIEW)
    IdentityTypeResponse get(@PathVariable long id) {
        return IdentityTypeResponse.of(types.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(RegistrantPermissions.IDENTITY_TYPE_MANAGE)
    IdentityTypeResponse create(@RequestBody IdentityTypeRequest request, StaffPrincipal principal) {
        return IdentityTypeResponse.of(types.create(draft(request), principal.actor()));
    }

    @PutMapping("/{id}")
    @RequiresPermission(RegistrantPermissions.IDENTITY_TYPE_MANAGE)
    IdentityTypeResponse update(
            @PathVariable long id, @RequestBody IdentityTypeRequest request, StaffPrincipal principal) {
        return IdentityTypeResponse.of(types.update(id, draft(request), principal.actor()));
    }

    @PostMapping("/{id}/enable")
    @RequiresPermission(RegistrantPermissions.IDENTITY_TYPE_MANAGE)
    IdentityTypeResponse enable(@PathVariable long id, StaffPrincipal principal) {
        return IdentityTypeResponse.of(types.setEnabled(id, true, principal.actor()));
    }

    @PostMapping("/{id}/disable")
    @RequiresPermission(RegistrantPermissions.IDENTITY_TYPE_MANAGE)
    IdentityTypeResponse disable(@PathVariable long id, StaffPrincipal principal) {
        return IdentityTypeResponse.of(types.setEnabled(id, false, principal.actor()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(RegistrantPermissions.IDENTITY_TYPE_MANAGE)
    void delete(@PathVariable long id) {
        types.delete(id);
    }

    private static IdentityTypes.Draft draft(IdentityTypeRequest r) {
        return new IdentityTypes.Draft(r.name(), r.identity(), r.enabled());
    }
}
