package cn.campuspass.platform.security;

/**
 * The roles every school realm is born with (A3.6). Their realm role names are stable keys; their names, what they
 * may do and whether they are enabled are the school's to change, except that the school administrator always holds
 * every school permission and cannot be disabled or deleted.
 */
public enum SeededRole {
    SCHOOL_ADMIN("school-admin", "学校管理员", DataScope.Kind.SCHOOL),
    SECURITY_OFFICER("security-officer", "保卫处", DataScope.Kind.SCHOOL),
    DEPARTMENT_ADMIN("department-admin", "部门管理员", DataScope.Kind.DEPARTMENTS),
    GATE_GUARD("gate-guard", "门岗", DataScope.Kind.OWN);

    private final String realmRole;
    private final String nameZh;
    private final DataScope.Kind scope;

    SeededRole(String realmRole, String nameZh, DataScope.Kind scope) {
        this.realmRole = realmRole;
        this.nameZh = nameZh;
        this.scope = scope;
    }

    /** The realm role's name in Keycloak. */
    public String realmRole() {
        return realmRole;
    }

    public String nameZh() {
        return nameZh;
    }

    public DataScope.Kind scope() {
        return scope;
    }
}
