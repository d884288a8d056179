package cn.campuspass.registrant;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.DataScope;
import org.junit.jupiter.api.Test;

class RegistrantFilterSqlTest {

    @Test
    void noConditionMatchesEveryone() {
        RegistrantFilterSql sql = RegistrantFilterSql.of(Registrants.Filter.all(), DataScope.wholeSchool(), p -> "idx");
        assertThat(sql.where()).isEqualTo("TRUE");
        assertThat(sql.params()).isEmpty();
    }

    @Test
    void everyConditionIsABoundParameter() {
        RegistrantFilterSql sql = RegistrantFilterSql.of(
                new Registrants.Filter(Identity.TEACHER, 5L, " 张' OR 1=1 ", false, true),
                DataScope.wholeSchool(),
                p -> "idx");
        assertThat(sql.where())
                .isEqualTo("r.identity = ? AND (r.department_id = ? OR r.managed_department_id = ?)"
                        + " AND (r.name LIKE ? OR r.number ILIKE ?) AND r.enabled = ? AND r.wechat_openid IS NOT NULL");
        assertThat(sql.params()).containsExactly("TEACHER", 5L, 5L, "%张' OR 1=1%", "%张' OR 1=1%", false);
    }

    @Test
    void aWholePhoneAlsoMatchesThroughTheBlindIndexOfItsNormalForm() {
        RegistrantFilterSql sql = RegistrantFilterSql.of(
                new Registrants.Filter(null, null, "+86 139-1234-5678", null, false),
                DataScope.wholeSchool(),
                p -> "index-of-" + p);
        assertThat(sql.where())
                .isEqualTo("(r.phone_index = ? OR r.name LIKE ? OR r.number ILIKE ?) AND r.wechat_openid IS NULL");
        assertThat(sql.params().get(0)).isEqualTo("index-of-13912345678");
    }

    @Test
    void likeWildcardsInTheTextMatchLiterally() {
        assertThat(RegistrantFilterSql.of(
                                new Registrants.Filter(null, null, "50%_a\\b", null, null),
                                DataScope.wholeSchool(),
                                p -> "")
                        .params())
                .containsExactly("%50\\%\\_a\\\\b%", "%50\\%\\_a\\\\b%");
    }

    @Test
    void aDepartmentScopeLimitsToTheDepartmentsRunAndOwnRecordsSeeNoRegistrants() {
        RegistrantFilterSql departments = RegistrantFilterSql.of(
                new Registrants.Filter(Identity.STUDENT, null, null, null, null),
                new DataScope.Departments(java.util.Set.of(7L)),
                p -> "");
        assertThat(departments.where())
                .isEqualTo("(r.department_id = ANY (?) OR r.managed_department_id = ANY (?)) AND r.identity = ?");
        assertThat(departments.params()).hasSize(3);
        assertThat((Long[]) departments.params().get(0)).containsExactly(7L);

        assertThat(RegistrantFilterSql.of(Registrants.Filter.all(), new DataScope.OwnRecords("u1"), p -> "")
                        .where())
                .isEqualTo("FALSE");
    }
}
