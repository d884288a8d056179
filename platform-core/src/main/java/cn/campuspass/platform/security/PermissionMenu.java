package cn.campuspass.platform.security;

/**
 * The console menus the role editor groups permissions under, in menu order. The operator side has its own group,
 * never granted to a school role.
 */
public enum PermissionMenu {
    HOME("首页", "Home"),
    ORGANIZATION("组织管理", "Organization"),
    SYSTEM("系统管理", "System"),
    REGISTRANT("人员管理", "Registrants"),
    VEHICLE("车辆管理", "Vehicles"),
    VISITOR("访客管理", "Visitors"),
    ACCESS("通行管理", "Access"),
    VIOLATION("违章管理", "Violations"),
    STATISTICS("统计分析", "Statistics"),
    PLATFORM("平台运营", "Platform operations");

    private final String nameZh;
    private final String nameEn;

    PermissionMenu(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }
}
