package cn.campuspass.registrant;

import cn.campuspass.platform.error.ApiError.FieldProblem;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.registrant.importing.RegistrantFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a {@link RegistrantDraft} with the import's rules (same normalisation, same messages): name, 学号/工号 and
 * ID tail format, a valid mainland mobile, an identity the school has opened (teachers always), existing enabled
 * departments. Uniqueness of 学号 and phone needs the database and is checked by the caller.
 */
final class RegistrantRules {

    /** What the rules need to know about the school. */
    interface School {

        boolean identityOpen(Identity identity);

        /** Empty when no such department; otherwise whether it is enabled. */
        Optional<Boolean> departmentEnabled(long id);

        /** Empty when no such identity type (A4.1). */
        default Optional<TypeInfo> identityType(long id) {
            return Optional.empty();
        }
    }

    /** What the rules need to know about an identity type. */
    record TypeInfo(Identity identity, boolean enabled) {}

    /**
     * A checked draft.
     *
     * @param phone null when an edit keeps the stored phone
     * @param keepIdTail an edit sent back the masked tail the console showed: the stored tail stays
     * @param idTail the new tail, null for none (ignored when {@code keepIdTail})
     */
    record Checked(
            String name,
            Identity identity,
            Long identityTypeId,
            String number,
            PhoneNumber phone,
            boolean keepIdTail,
            String idTail,
            long departmentId,
            Long managedDepartmentId) {}

    private final School school;

    RegistrantRules(School school) {
        this.school = school;
    }

    /**
     * @param current the registrant being edited, or null for a new one
     * @throws ApiException {@code REGISTRANT_INVALID} with every field problem
     */
    Checked check(RegistrantDraft draft, Registrant current) {
        List<FieldProblem> problems = new ArrayList<>();
        RegistrantFields.Checked name = RegistrantFields.name(draft.name());
        if (!name.ok()) {
            problems.add(new FieldProblem("name", name.problem()));
        }
        Identity identity = draft.identity();
        if (identity == null) {
            problems.add(new FieldProblem("identity", "身份不能为空"));
        } else if (!identity.alwaysOpen()
                && !school.identityOpen(identity)
                && (current == null || current.getIdentity() != identity)) {
            // A school that closes an identity keeps its existing people editable; it only stops new ones.
            problems.add(new FieldProblem("identity", "本校未开通「" + RegistrantFields.label(identity) + "」身份"));
        }
        if (draft.identityTypeId() != null) {
            identityTypeProblem(draft, current).ifPresent(p -> problems.add(new FieldProblem("identityTypeId", p)));
        }
        RegistrantFields.Checked number = RegistrantFields.number(draft.number());
        if (!number.ok()) {
            problems.add(new FieldProblem("number", number.problem()));
        }
        PhoneNumber phone = null;
        String phoneText = draft.phone() == null ? "" : draft.phone().strip();
        boolean keepPhone = current != null && (phoneText.isEmpty() || phoneText.equals(current.getPhoneMasked()));
        if (!keepPhone) {
            if (phoneText.isEmpty()) {
                problems.add(new FieldProblem("phone", "手机号不能为空"));
            } else {
                Optional<PhoneNumber> parsed = PhoneNumber.parse(phoneText);
                if (parsed.isEmpty()) {
                    problems.add(new FieldProblem("phone", "手机号格式不正确"));
                } else {
                    phone = parsed.get();
                }
            }
        }
        String idTailText = draft.idTail() == null ? "" : draft.idTail().strip();
        boolean keepIdTail =
                current != null && current.getIdTailMasked() != null && idTailText.equals(current.getIdTailMasked());
        RegistrantFields.Checked idTail =
                keepIdTail ? new RegistrantFields.Checked(null, null) : RegistrantFields.idTail(draft.idTail());
        if (!idTail.ok()) {
            problems.add(new FieldProblem("idTail", idTail.problem()));
        }
        if (draft.departmentId() == null) {
            problems.add(new FieldProblem("departmentId", "部门/单位不能为空"));
        } else {
            Optional<Boolean> enabled = school.departmentEnabled(draft.departmentId());
            boolean unchanged = current != null && draft.departmentId().equals(current.getDepartmentId());
            if (enabled.isEmpty()) {
                problems.add(new FieldProblem("departmentId", "部门/单位不存在"));
            } else if (!enabled.get() && !unchanged) {
                problems.add(new FieldProblem("departmentId", "部门/单位已停用"));
            }
        }
        if (draft.managedDepartmentId() != null
                && school.departmentEnabled(draft.managedDepartmentId()).isEmpty()) {
            problems.add(new FieldProblem("managedDepartmentId", "被分管部门不存在"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.withFields(RegistrantError.REGISTRANT_INVALID, problems);
        }
        return new Checked(
                name.value(),
                identity,
                draft.identityTypeId(),
                number.value(),
                phone,
                keepIdTail,
                idTail.value(),
                draft.departmentId(),
                draft.managedDepartmentId());
    }

    /** A type must exist and belong to the identity; a disabled one is kept on edit but never newly given. */
    private Optional<String> identityTypeProblem(RegistrantDraft draft, Registrant current) {
        Optional<TypeInfo> type = school.identityType(draft.identityTypeId());
        if (type.isEmpty()) {
            return Optional.of("身份类型不存在");
        }
        if (draft.identity() != null && type.get().identity() != draft.identity()) {
            return Optional.of("身份类型不属于「" + RegistrantFields.label(draft.identity()) + "」身份");
        }
        boolean unchanged = current != null && draft.identityTypeId().equals(current.getIdentityTypeId());
        if (!type.get().enabled() && !unchanged) {
            return Optional.of("身份类型已停用");
        }
        return Optional.empty();
    }
}
