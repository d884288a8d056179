package cn.campuspass.wechat.portal;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.registrant.RegistrantAvatars;
import cn.campuspass.registrant.Registrants;
import java.util.ArrayList;
import java.util.List;

/**
 * The registrant's personal info page (个人信息, R4.10). The tender lists 头像、身份、身份类型、姓名、工号、学号、身份证后六位、
 * 部门、单位、被分管部门 and says the fields depend on the identity: a student has a 学号 and a 部门 (their college), a
 * teacher a 工号, an identity type and a 部门; third parties and residents have a 单位 and the department that manages
 * them. The ID tail and the bound phone are always masked here.
 *
 * @param fields in display order; {@code key} names the label, {@code value} may be null (not recorded)
 */
record PersonalInfo(
        long registrantId,
        Identity identity,
        String avatarUrl,
        int avatarChangesLeft,
        int avatarChangesAllowed,
        List<Field> fields) {

    record Field(String key, String value) {}

    static PersonalInfo of(Registrants.Summary r, RegistrantAvatars.Avatar avatar) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("identity", r.identity().name()));
        if (r.identity() != Identity.STUDENT && r.identity() != Identity.RESIDENT) {
            fields.add(new Field(
                    "identityType",
                    r.identityTypeId() == null ? null : r.identityTypeId().toString()));
        }
        fields.add(new Field("name", r.name()));
        // Masked like everywhere else; the registrant changes it by an SMS code to the new number (R4.1).
        fields.add(new Field("phone", r.phoneMasked()));
        switch (r.identity()) {
            case STUDENT -> {
                fields.add(new Field("studentNumber", r.number()));
                fields.add(new Field("idTail", r.idTailMasked()));
                fields.add(new Field("department", r.departmentName()));
            }
            case TEACHER -> {
                fields.add(new Field("staffNumber", r.number()));
                fields.add(new Field("idTail", r.idTailMasked()));
                fields.add(new Field("department", r.departmentName()));
            }
            case THIRD_PARTY, RESIDENT -> {
                fields.add(new Field("idTail", r.idTailMasked()));
                fields.add(new Field("unit", r.departmentName()));
                fields.add(new Field("managedDepartment", r.managedDepartmentName()));
            }
        }
        return new PersonalInfo(
                r.id(),
                r.identity(),
                avatar.url(),
                avatar.changesLeft(),
                RegistrantAvatars.MAX_CHANGES,
                List.copyOf(fields));
    }
}
