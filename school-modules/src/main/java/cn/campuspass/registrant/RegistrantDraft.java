package cn.campuspass.registrant;

import cn.campuspass.platform.school.Identity;

/**
 * What an admin types to create or edit a registrant, as typed (normalised and checked by {@link RegistrantRules}).
 *
 * @param phone the whole number; on edit, null, blank or the masked form ({@code 138****5678}) keeps the stored one
 * @param idTail the last six characters of the ID card number, optional
 */
public record RegistrantDraft(
        String name,
        Identity identity,
        Long identityTypeId,
        String number,
        String phone,
        String idTail,
        Long departmentId,
        Long managedDepartmentId) {}
