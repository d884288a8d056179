package cn.campuspass.registrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.campuspass.platform.error.ApiError.FieldProblem;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.Identity;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistrantRulesTest {

    /** Departments 1 (enabled) and 2 (disabled); students closed, everything else open. */
    private final RegistrantRules rules = new RegistrantRules(new RegistrantRules.School() {
        @Override
        public boolean identityOpen(Identity identity) {
            return !Set.of(Identity.STUDENT).contains(identity);
        }

        @Override
        public Optional<Boolean> departmentEnabled(long id) {
            return Optional.ofNullable(Map.of(1L, true, 2L, false).get(id));
        }
    });

    @Test
    void normalisesLikeTheImport() {
        RegistrantRules.Checked checked = rules.check(
                new RegistrantDraft(" 张　三 ", Identity.TEACHER, null, "Ｔ１００１", "+86 139-1234-5678", "12345x", 1L, 2L),
                null);
        assertThat(checked.name()).isEqualTo("张 三");
        assertThat(checked.number()).isEqualTo("T1001");
        assertThat(checked.phone().value()).isEqualTo("13912345678");
        assertThat(checked.idTail()).isEqualTo("12345X");
        assertThat(checked.managedDepartmentId()).isEqualTo(2L);
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        ApiException e = catchThrowableOfType(
                ApiException.class,
                () -> rules.check(
                        new RegistrantDraft("=cmd", Identity.STUDENT, 7L, "-x", "12345", "1234", 2L, 9L), null));
        assertThat(e.error()).isEqualTo(RegistrantError.REGISTRANT_INVALID);
        assertThat(e.fields())
                .extracting(FieldProblem::field)
                .containsExactly(
                        "name",
                        "identity",
                        "identityTypeId",
                        "number",
                        "phone",
                        "idTail",
                        "departmentId",
                        "managedDepartmentId");
        assertThat(e.fields()).extracting(FieldProblem::message).contains("本校未开通「学生」身份", "部门/单位已停用");
    }

    @Test
    void anEditMayKeepThePhoneAClosedIdentityAndADisabledDepartment() {
        Registrant current =
                new Registrant("李四", Identity.STUDENT, null, "S1", "v1:x", "i", "139****5678", null, 2L, null);
        RegistrantRules.Checked kept = rules.check(
                new RegistrantDraft("李四", Identity.STUDENT, null, "S1", "139****5678", null, 2L, null), current);
        assertThat(kept.phone()).isNull();
        assertThat(rules.check(new RegistrantDraft("李四", Identity.STUDENT, null, "S1", "", null, 2L, null), current)
                        .phone())
                .isNull();
        ApiException moved = catchThrowableOfType(
                ApiException.class,
                () -> rules.check(new RegistrantDraft("王五", Identity.STUDENT, null, "S2", null, null, 2L, null), null));
        assertThat(moved.fields()).extracting(FieldProblem::field).containsExactly("identity", "phone", "departmentId");
    }

    @Test
    void anEditSendingBackTheMaskedIdTailKeepsIt() {
        Registrant current = new Registrant(
                "李四",
                Identity.STUDENT,
                null,
                "S1",
                "v1:x",
                "i",
                "139****5678",
                new IdTails.Sealed("v2:k1:sealed", "index", "****5X"),
                2L,
                null);
        RegistrantRules.Checked kept =
                rules.check(new RegistrantDraft("李四", Identity.STUDENT, null, "S1", "", "****5X", 2L, null), current);
        assertThat(kept.keepIdTail()).isTrue();
        RegistrantRules.Checked cleared =
                rules.check(new RegistrantDraft("李四", Identity.STUDENT, null, "S1", "", "", 2L, null), current);
        assertThat(cleared.keepIdTail()).isFalse();
        assertThat(cleared.idTail()).isNull();
        RegistrantRules.Checked changed =
                rules.check(new RegistrantDraft("李四", Identity.STUDENT, null, "S1", "", "54321x", 2L, null), current);
        assertThat(changed.keepIdTail()).isFalse();
        assertThat(changed.idTail()).isEqualTo("54321X");
        // Another masked value is not a tail: only the one the console showed means "unchanged".
        ApiException other = catchThrowableOfType(
                ApiException.class,
                () -> rules.check(
                        new RegistrantDraft("李四", Identity.STUDENT, null, "S1", "", "****9X", 2L, null), current));
        assertThat(other.fields()).extracting(FieldProblem::field).containsExactly("idTail");
    }

    /** Type 3 is an enabled teacher type, 4 a disabled student type. */
    private final RegistrantRules withTypes = new RegistrantRules(new RegistrantRules.School() {
        @Override
        public boolean identityOpen(Identity identity) {
            return true;
        }

        @Override
        public Optional<Boolean> departmentEnabled(long id) {
            return Optional.of(true);
        }

        @Override
        public Optional<RegistrantRules.TypeInfo> identityType(long id) {
            return Optional.ofNullable(Map.of(
                            3L, new RegistrantRules.TypeInfo(Identity.TEACHER, true),
                            4L, new RegistrantRules.TypeInfo(Identity.STUDENT, false))
                    .get(id));
        }
    });

    @Test
    void anIdentityTypeMustBelongToTheIdentityAndBeEnabledForNewPeople() {
        assertThat(withTypes
                        .check(
                                new RegistrantDraft("李老师", Identity.TEACHER, 3L, "T1", "13912345678", null, 1L, null),
                                null)
                        .identityTypeId())
                .isEqualTo(3L);
        ApiException otherIdentity = catchThrowableOfType(
                ApiException.class,
                () -> withTypes.check(
                        new RegistrantDraft("王同学", Identity.STUDENT, 3L, "S1", "13912345678", null, 1L, null), null));
        assertThat(otherIdentity.fields()).containsExactly(new FieldProblem("identityTypeId", "身份类型不属于「学生」身份"));
        ApiException disabled = catchThrowableOfType(
                ApiException.class,
                () -> withTypes.check(
                        new RegistrantDraft("王同学", Identity.STUDENT, 4L, "S1", "13912345678", null, 1L, null), null));
        assertThat(disabled.fields()).containsExactly(new FieldProblem("identityTypeId", "身份类型已停用"));
        // Someone who has the type since before it was disabled keeps it on edit.
        Registrant current =
                new Registrant("王同学", Identity.STUDENT, 4L, "S1", "v1:x", "i", "139****5678", null, 1L, null);
        assertThat(withTypes
                        .check(new RegistrantDraft("王同学", Identity.STUDENT, 4L, "S1", null, null, 1L, null), current)
                        .identityTypeId())
                .isEqualTo(4L);
    }
}
