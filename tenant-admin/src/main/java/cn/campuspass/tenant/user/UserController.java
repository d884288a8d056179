package cn.campuspass.tenant.user;

import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import cn.campuspass.tenant.role.StaffDirectorySync;
import cn.campuspass.tenant.role.SystemPermissions;
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

/** System users of the caller's school (A3.3): accounts of the school's realm with their roles. */
@RestController
@RequestMapping("/admin/api/users")
class UserController {

    private final StaffUsers users;
    private final StaffUserQueries queries;
    private final StaffDirectorySync sync;

    UserController(StaffUsers users, StaffUserQueries queries, StaffDirectorySync sync) {
        this.users = users;
        this.queries = queries;
        this.sync = sync;
    }

    record CreateUserRequest(
            String username,
            String name,
            String phone,
            List<Long> roleIds,
            Long positionId,
            List<Long> departmentIds,
            String password) {}

    record UpdateUserRequest(
            String name, String phone, List<Long> roleIds, Long positionId, List<Long> departmentIds) {}

    record PasswordRequest(String password) {}

    record UnbindResponse(List<String> removed) {}

    /** {@code phone} is the full number on a single user (for editing), masked in the list. */
    record UserResponse(
            String id,
            String username,
            String name,
            String phone,
            String phoneMasked,
            StaffUserMirror.Named position,
            List<StaffUserMirror.Named> roles,
            List<StaffUserMirror.Named> departments,
            boolean enabled,
            Instant createdAt,
            Instant updatedAt,
            String updatedBy,
            boolean weChatBound) {

        static UserResponse of(StaffUserMirror.User u, boolean fullPhone) {
            String masked = u.phone() == null
                    ? null
                    : PhoneNumber.parse(u.phone()).map(PhoneNumber::masked).orElse(null);
            return new UserResponse(
                    u.id(),
                    u.username(),
                    u.name(),
                    fullPhone ? u.phone() : masked,
                    masked,
                    u.position(),
                    u.roles(),
                    u.departments(),
                    u.enabled(),
                    u.createdAt(),
                    u.updatedAt(),
                    u.updatedBy(),
                    u.weChatBound());
        }
    }

    record UserPage(List<UserResponse> items, long total) {}

    @GetMapping
    @RequiresPermission(SystemPermissions.USER_VIEW)
    UserPage list(
            @RequestParam(required = false) String text,
            @RequestParam(required = false) Long roleId,
            @RequestParam(required = false) Long departmentId,
            @RequestParam(required = false) Boolean enabled,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        sync.ensureSynced(SchoolContext.require());
        StaffUserMirror.Page result =
                queries.list(new StaffUserMirror.Filter(text, roleId, departmentId, enabled), page, size);
        return new UserPage(
                result.items().stream().map(u -> UserResponse.of(u, false)).toList(), result.total());
    }

    @GetMapping("/{id}")
    @RequiresPermission(SystemPermissions.USER_VIEW)
    UserResponse get(@PathVariable String id) {
        return UserResponse.of(queries.get(id), true);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(SystemPermissions.USER_MANAGE)
    UserResponse create(@RequestBody CreateUserRequest r, StaffPrincipal principal) {
        return UserResponse.of(
                users.create(
                        SchoolContext.require(),
                        new StaffUsers.NewUser(
                                r.username(),
                                r.name(),
                                r.phone(),
                                r.roleIds(),
                                r.positionId(),
                                r.departmentIds(),
                                r.password()),
                        principal),
                true);
    }

    @PutMapping("/{id}")
    @RequiresPermission(SystemPermissions.USER_MANAGE)
    UserResponse update(@PathVariable String id, @RequestBody UpdateUserRequest r, StaffPrincipal principal) {
        return UserResponse.of(
                users.update(
                        SchoolContext.require(),
                        id,
                        new StaffUsers.UserChanges(r.name(), r.phone(), r.roleIds(), r.positionId(), r.departmentIds()),
                        principal),
                true);
    }

    @PostMapping("/{id}/enable")
    @RequiresPermission(SystemPermissions.USER_MANAGE)
    UserResponse enable(@PathVariable String id, StaffPrincipal principal) {
        return UserResponse.of(users.setEnabled(SchoolContext.require(), id, true, principal), true);
    }

    @PostMapping("/{id}/disable")
    @RequiresPermission(SystemPermissions.USER_MANAGE)
    UserResponse disable(@PathVariable String id, StaffPrincipal principal) {
        return UserResponse.of(users.setEnabled(SchoolContext.require(), id, false, principal), true);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(SystemPermissions.USER_MANAGE)
    void delete(@PathVariable String id, StaffPrincipal principal) {
        users.delete(SchoolContext.require(), id, principal);
    }

    @PostMapping("/{id}/reset-password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(SystemPermissions.USER_MANAGE)
    void resetPassword(@PathVariable String id, @RequestBody PasswordRequest r, StaffPrincipal principal) {
        users.resetPassword(SchoolContext.require(), id, r.password(), principal);
    }

    @PostMapping("/{id}/unbind-wechat")
    @RequiresPermission(SystemPermissions.USER_MANAGE)
    UnbindResponse unbindWeChat(@PathVariable String id, StaffPrincipal principal) {
        return new UnbindResponse(users.unbindWeChat(SchoolContext.require(), id, principal));
    }
}
