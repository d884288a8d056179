package cn.campuspass.vehicle;

import static cn.campuspass.platform.security.PermissionMenu.VEHICLE;
import static cn.campuspass.platform.security.SeededRole.DEPARTMENT_ADMIN;
import static cn.campuspass.platform.security.SeededRole.SECURITY_OFFICER;

import cn.campuspass.platform.security.ModulePermissions;
import cn.campuspass.platform.security.PermissionDefinition;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Vehicles (A4.3), their registration review (A4.4) and the e-bike QR labels. Department administrators read the
 * vehicles and reviews of their departments' registrants; the security office does everything.
 */
@Component
public class VehiclePermissions implements ModulePermissions {

    public static final String LIST = "vehicle:vehicle:list";
    public static final String VIEW = "vehicle:vehicle:view";
    public static final String CREATE = "vehicle:vehicle:create";
    public static final String UPDATE = "vehicle:vehicle:update";
    public static final String ENABLE = "vehicle:vehicle:enable";
    public static final String UNLINK = "vehicle:vehicle:unlink";
    public static final String DELETE = "vehicle:vehicle:delete";

    public static final String REVIEW_LIST = "vehicle:review:list";
    public static final String REVIEW_CREATE = "vehicle:review:create";
    public static final String REVIEW_APPROVE = "vehicle:review:approve";
    public static final String REVIEW_REJECT = "vehicle:review:reject";
    public static final String REVIEW_IMPORT = "vehicle:review:import";
    /** Personal data leaves the system in the file: every export is written to the personal-data log. */
    public static final String REVIEW_EXPORT = "vehicle:review:export";

    public static final String LABEL_LIST = "vehicle:label:list";
    public static final String LABEL_PRINT = "vehicle:label:print";

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(
                PermissionDefinition.of(LIST, VEHICLE, "车辆查询", "List vehicles", SECURITY_OFFICER, DEPARTMENT_ADMIN),
                PermissionDefinition.of(
                        VIEW, VEHICLE, "车辆详情", "View vehicle details", SECURITY_OFFICER, DEPARTMENT_ADMIN),
                PermissionDefinition.of(CREATE, VEHICLE, "车辆新增", "Add vehicles", SECURITY_OFFICER),
                PermissionDefinition.of(UPDATE, VEHICLE, "车辆编辑", "Edit vehicles", SECURITY_OFFICER),
                PermissionDefinition.of(ENABLE, VEHICLE, "车辆启用/停用", "Enable and disable vehicles", SECURITY_OFFICER),
                PermissionDefinition.of(
                        UNLINK, VEHICLE, "车辆解除关联", "Unlink vehicles from registrants", SECURITY_OFFICER),
                PermissionDefinition.of(DELETE, VEHICLE, "车辆删除", "Delete vehicles", SECURITY_OFFICER),
                PermissionDefinition.of(
                        REVIEW_LIST,
                        VEHICLE,
                        "备案审核查询",
                        "List vehicle registrations",
                        SECURITY_OFFICER,
                        DEPARTMENT_ADMIN),
                PermissionDefinition.of(REVIEW_CREATE, VEHICLE, "备案新增", "Add vehicle registrations", SECURITY_OFFICER),
                PermissionDefinition.of(
                        REVIEW_APPROVE, VEHICLE, "备案审核通过", "Approve vehicle registrations", SECURITY_OFFICER),
                PermissionDefinition.of(
                        REVIEW_REJECT, VEHICLE, "备案审核驳回", "Reject vehicle registrations", SECURITY_OFFICER),
                PermissionDefinition.of(
                        REVIEW_IMPORT, VEHICLE, "备案导入", "Import vehicle registrations", SECURITY_OFFICER),
                PermissionDefinition.of(
                        REVIEW_EXPORT, VEHICLE, "备案导出", "Export vehicle registrations", SECURITY_OFFICER),
                PermissionDefinition.of(LABEL_LIST, VEHICLE, "电动车二维码查询", "List e-bike QR labels", SECURITY_OFFICER),
                PermissionDefinition.of(LABEL_PRINT, VEHICLE, "电动车二维码打印", "Print e-bike QR labels", SECURITY_OFFICER));
    }
}
