package cn.campuspass.wechat.binding;

import cn.campuspass.platform.school.Identity;

/** The signed-in registrant as the portal shows them ({@code GET /me}); the phone is masked. */
public record RegistrantProfile(
        long registrantId,
        String name,
        Identity identity,
        String number,
        String departmentName,
        String managedDepartmentName,
        String phone) {}
