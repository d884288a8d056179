package cn.campuspass.platform.security;

import java.util.List;

/**
 * A module's permissions. Each module declares one bean; {@link PermissionRegistry} gathers them, refuses duplicates
 * and malformed codes, and serves the role editor's tree.
 */
public interface ModulePermissions {

    List<PermissionDefinition> permissions();
}
