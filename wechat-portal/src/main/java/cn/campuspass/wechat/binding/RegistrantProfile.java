package cn.campuspass.wechat.binding;

import cn.campuspass.platform.school.Identity;

/**
 * The signed-in registrant as the portal shows them ({@code GET /me}); the phone is masked.
 *
 * @param faceRequired whether this person must upload a face photo (P4, A4.2 b): their identity type's own setting
 *     if it has one, else their identity's
 */
public record RegistrantProfile(
        long registrantId,
        String name,
        Identity identity,
        String number,
        String departmentName,
        String managedDepartmentName,
        String phone,
        Long identityTypeId,
        String identityTypeName,
        boolean faceRequired) {

    RegistrantProfile withFaceRequired(boolean required) {
        return new RegistrantProfile(
                registrantId,
                name,
                identity,
                number,
                departmentName,
                managedDepartmentName,
                phone,
                identityTypeId,
                identityTypeName,
                required);
    }
}
