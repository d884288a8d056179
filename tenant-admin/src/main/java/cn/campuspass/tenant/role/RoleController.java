package cn.campuspass.tenant.role;

import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.PermissionDefinition;
import cn.campuspass.platform.security.PermissionMenu;
import cn.campuspass.platform.security.PermissionRegistry;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Roles of the caller's school (A3.6) and the permission tree the role editor shows. */
@RestController
@RequestMapping("/admin/api/roles")
class RoleController {

    private final StaffRoles roles;
    private final PermissionRegistry registry;
    private final StaffDirectorySync sync;

    RoleController(StaffRoles roles, PermissionRegistry registry, StaffDirectorySync sync) {
        this.roles = roles;
        this.registry = registry;
        this.sync = sync;
    }

    record RoleRequest(String name, String description, String dataScope, List<String> permissions) {}

    record RoleResponse(
            long id,
            String realmRole,
            String name,
            String description,
            String dataScope,
            boolean enabled,
            boolean protectedRole,
            String seeded,
            Instant createdAt,
            Instant updatedAt,
            String updatedBy,
            long holders,
            List<String> permissions) {

        static RoleResponse of(StaffRoles.Role r) {
            return new RoleResponse(
                    r.id(),
                    r.realmRole(),
                    r.name(),
                    r.description(),
                    r.dataScope().name(),
                    r.enabled(),
                    r.schoolAdmin(),
                    r.seeded(),
                    r.createdAt(),
                    r.updatedAt(),
                    r.updatedBy(),
                    r.holders(),
                    r.permissions());
        }
    }

    record PermissionNode(String code, String nameZh, String nameEn) {}

    record MenuNode(String menu, String nameZh, String nameEn, List<PermissionNode> permissions) {}

    @GetMapping
    @RequiresPermission(SystemPermissions.ROLE_VIEW)
    List<RoleResponse> list() {
        sync.ensureSynced(SchoolContext.require());
        return roles.list().stream().map(RoleResponse::of).toList();
    }

    @GetMapping("/permission-tree")
    @RequiresPermission(SystemPermissions.ROLE_VIEW)
    List<MenuNode> permissionTree() {
        Map<PermissionMenu, List<PermissionNode>> byMenu = new EnumMap<>(PermissionMenu.class);
        for (PermissionDefinition p : registry.schoolPermissions()) {
            byMenu.computeIfAbsent(p.menu(), m -> new ArrayList<>())
                    .add(new PermissionNode(p.code(), p.nameZh(), p.nameEn()));
        }
        return byMenu.entrySet().stream()
                .map(e -> new MenuNode(
                        e.getKey().name(), e.getKey().nameZh(), e.getKey().nameEn(), List.copyOf(e.getValue())))
                .toList();
    }

    @GetMapping("/{id}")
    @RequiresPermission(SystemPermissions.ROLE_VIEW)
    RoleResponse get(@PathVariable long id) {
        return RoleResponse.of(roles.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(SystemPermissions.ROLE_MANAGE)
    RoleResponse create(@RequestBody RoleRequest request, StaffPrincipal principal) {
        return RoleResponse.of(roles.create(SchoolContext.require(), draft(request), principal));
    }

    @PutMapping("/{id}")
    @RequiresPermission(SystemPermissions.ROLE_MANAGE)
    RoleResponse update(@PathVariable long id, @RequestBody RoleRequest request, StaffPrincipal principal) {
        return RoleResponse.of(roles.update(SchoolContext.require(), id, draft(request), principal));
    }

    @PostMapping("/{id}/enable")
    @RequiresPermission(SystemPermissions.ROLE_MANAGE)
    RoleResponse enable(@PathVariable long id, StaffPrincipal principal) {
        return RoleResponse.of(roles.setEnabled(SchoolContext.require(), id, true, principal));
    }

    @PostMapping("/{id}/disable")
    @RequiresPermission(SystemPermissions.ROLE_MANAGE)
    RoleResponse disable(@PathVariable long id, StaffPrincipal principal) {
        return RoleResponse.of(roles.setEnabled(SchoolContext.require(), id, false, principal));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(SystemPermissions.ROLE_MANAGE)
    void delete(@PathVariable long id) {
        sync.ensureSynced(SchoolContext.require());
        roles.delete(SchoolContext.require(), id);
    }

    private static StaffRoles.RoleDraft draft(RoleRequest r) {
        return new StaffRoles.RoleDraft(r.name(), r.description(), r.dataScope(), r.permissions());
    }
}
