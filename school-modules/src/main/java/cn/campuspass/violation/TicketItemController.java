package cn.campuspass.violation;

import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

/** 罚单项目管理 (A5.1): list, query, create, edit, enable/disable, delete (refused once tickets use the item). */
@RestController
@RequestMapping("/admin/api/ticket-items")
class TicketItemController {

    private final TicketItems items;

    TicketItemController(TicketItems items) {
        this.items = items;
    }

    record TicketItemRequest(
            @NotBlank @Size(max = 50) String name,
            @NotNull @Min(0) @Max(100) Integer points,
            @Size(max = 500) String description,
            Boolean enabled) {
        TicketItems.Draft draft() {
            return new TicketItems.Draft(name, points, description, enabled);
        }
    }

    @GetMapping
    @RequiresPermission(ViolationPermissions.ITEM_VIEW)
    List<TicketItems.Item> list(
            @RequestParam(required = false) String name, @RequestParam(required = false) Boolean enabled) {
        return items.list(name, enabled);
    }

    @GetMapping("/{id}")
    @RequiresPermission(ViolationPermissions.ITEM_VIEW)
    TicketItems.Item get(@PathVariable long id) {
        return items.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(ViolationPermissions.ITEM_MANAGE)
    TicketItems.Item create(@Valid @RequestBody TicketItemRequest request, StaffPrincipal principal) {
        return items.create(request.draft(), principal.actor());
    }

    @PutMapping("/{id}")
    @RequiresPermission(ViolationPermissions.ITEM_MANAGE)
    TicketItems.Item update(
            @PathVariable long id, @Valid @RequestBody TicketItemRequest request, StaffPrincipal principal) {
        return items.update(id, request.draft(), principal.actor());
    }

    @PostMapping("/{id}/enable")
    @RequiresPermission(ViolationPermissions.ITEM_MANAGE)
    TicketItems.Item enable(@PathVariable long id, StaffPrincipal principal) {
        return items.setEnabled(id, true, principal.actor());
    }

    @PostMapping("/{id}/disable")
    @RequiresPermission(ViolationPermissions.ITEM_MANAGE)
    TicketItems.Item disable(@PathVariable long id, StaffPrincipal principal) {
        return items.setEnabled(id, false, principal.actor());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(ViolationPermissions.ITEM_MANAGE)
    void delete(@PathVariable long id) {
        items.delete(id);
    }
}
