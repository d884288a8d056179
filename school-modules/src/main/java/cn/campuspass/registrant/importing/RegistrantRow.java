package cn.campuspass.registrant.importing;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.PhoneNumber;
import java.util.Objects;

/**
 * One valid, normalised row of an import, ready to become a registrant.
 *
 * <p>A registrant created from an import starts with no access: <em>no gate at any campus</em> lets them pass
 * (tender spec 4.2 d). Access rules are granted separately, for example through the bulk access-rule setting
 * (4.2 f); whoever persists these rows must not derive any access from them.
 *
 * @param identityTypeId null when the row names no identity type
 * @param idTail the last six characters of the ID card number ({@code [0-9]{5}[0-9X]}), or null when not given
 * @param managedDepartmentId the 被分管部门, or null when not given
 * @param rowNumber the row in the imported sheet as Excel shows it (1-based)
 */
public record RegistrantRow(
        String name,
        Identity identity,
        Long identityTypeId,
        String number,
        PhoneNumber phone,
        String idTail,
        long departmentId,
        Long managedDepartmentId,
        int rowNumber) {

    public RegistrantRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(phone, "phone");
    }
}
