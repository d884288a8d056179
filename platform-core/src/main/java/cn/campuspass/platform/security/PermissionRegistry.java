package cn.campuspass.platform.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Every permission the modules declare ({@link ModulePermissions}), checked once at start-up. */
@Component
public class PermissionRegistry {

    private final Map<String, PermissionDefinition> byCode;
    // Computed once: the permission check of every staff request asks for the school codes (it sorted and copied
    // every definition per request before, most of the check's 0.2 ms).
    private final List<PermissionDefinition> all;
    private final List<PermissionDefinition> schoolPermissions;
    private final Set<String> schoolCodes;
    private final Set<String> platformCodes;

    @Autowired
    public PermissionRegistry(ObjectProvider<ModulePermissions> modules) {
        this(modules.orderedStream().flatMap(m -> m.permissions().stream()).toList());
    }

    /** A registry of exactly these definitions (tests, tools). */
    public PermissionRegistry(List<PermissionDefinition> definitions) {
        Map<String, PermissionDefinition> map = new LinkedHashMap<>();
        for (PermissionDefinition definition : definitions) {
            if (map.putIfAbsent(definition.code(), definition) != null) {
                throw new IllegalStateException("Permission declared twice: " + definition.code());
            }
            if (definition.menu() == PermissionMenu.PLATFORM
                    && !definition.grantedTo().isEmpty()) {
                throw new IllegalStateException(
                        "A platform permission is never granted to a school role: " + definition.code());
            }
        }
        this.byCode = Collections.unmodifiableMap(map);
        List<PermissionDefinition> sorted = new ArrayList<>(byCode.values());
        sorted.sort(Comparator.comparing(PermissionDefinition::menu).thenComparing(PermissionDefinition::code));
        this.all = List.copyOf(sorted);
        this.schoolPermissions =
                all.stream().filter(p -> p.menu() != PermissionMenu.PLATFORM).toList();
        this.schoolCodes =
                schoolPermissions.stream().map(PermissionDefinition::code).collect(Collectors.toUnmodifiableSet());
        this.platformCodes = all.stream()
                .filter(p -> p.menu() == PermissionMenu.PLATFORM)
                .map(PermissionDefinition::code)
                .collect(Collectors.toUnmodifiableSet());
    }

    public Optional<PermissionDefinition> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public boolean exists(String code) {
        return byCode.containsKey(code);
    }

    /** Every permission, grouped by menu in menu order. */
    public List<PermissionDefinition> all() {
        return all;
    }

    /** What a school role may be granted: everything but the platform operators' permissions. */
    public List<PermissionDefinition> schoolPermissions() {
        return schoolPermissions;
    }

    public Set<String> schoolPermissionCodes() {
        return schoolCodes;
    }

    /** The platform operators' permissions, all held by every platform operator. */
    public Set<String> platformPermissionCodes() {
        return platformCodes;
    }
}
