package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.localstack.demo.DemoOrganizationExtras;
import cn.campuspass.organization.Terms;
import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A3.2 positions (every operation, refused deletion while a staff user holds one), departments' 描述, 操作人 on
 * campuses, gates, departments, positions, years and terms; A3.5 academic years and terms with their date rules, also
 * under parallel requests, and the term of a date through the API and the {@link Terms} facade.
 */
class OrganizationAdminIT extends StackTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FieldCipher cipher;

    @Autowired
    KeycloakAdmin keycloak;

    @Autowired
    SchoolRealmProvisioner realms;

    @Autowired
    Terms terms;

    @Test
    void positionsEveryOperationWithOperatorAndInUseRefusal() {
        onboard("posuni", "admin", "13500000000", "PosUni@2026");
        String admin = Tokens.school("posuni", "admin", "PosUni@2026");
        SchoolFixtures fixtures = new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms);
        fixtures.staff("posuni", "officer1", "13500000001", "Officer@2026x", SeededRole.SECURITY_OFFICER.realmRole());
        fixtures.staff("posuni", "deptadm1", "13500000002", "DeptAdm@2026x", SeededRole.DEPARTMENT_ADMIN.realmRole());
        String officer = Tokens.school("posuni", "officer1", "Officer@2026x");
        String deptAdmin = Tokens.school("posuni", "deptadm1", "DeptAdm@2026x");

        Http.Response chief = Http.post(
                url("/admin/api/positions"),
                admin,
                Map.of("name", "保卫处处长", "description", "主持保卫处全面工作", "sortOrder", 1));
        assertThat(chief.status()).as(chief.body()).isEqualTo(201);
        long chiefId = chief.json().path("id").asLong();
        assertThat(chief.json().path("updatedBy").asString()).isEqualTo("admin");
        assertThat(chief.json().path("enabled").asBoolean()).isTrue();
        assertThat(chief.json().path("createdAt").asString()).isNotBlank();
        long leaderId = Http.post(url("/admin/api/positions"), officer, Map.of("name", "门岗班长", "sortOrder", 2))
                .json()
                .path("id")
                .asLong();
        long counselorId = Http.post(
                        url("/admin/api/positions"), admin, Map.of("name", "辅导员", "description", "", "sortOrder", 0))
                .json()
                .path("id")
                .asLong();

        // Bad input: stable codes, never a 500.
        assertThat(Http.post(url("/admin/api/positions"), admin, Map.of("name", "辅导员"))
                        .code())
                .isEqualTo("POSITION_NAME_TAKEN");
        Http.Response blank = Http.post(url("/admin/api/positions"), admin, Map.of("name", "  "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.code()).isEqualTo("VALIDATION_FAILED");
        Http.Response longDescription =
                Http.post(url("/admin/api/positions"), admin, Map.of("name", "科员", "description", "长".repeat(201)));
        assertThat(longDescription.status()).isEqualTo(400);
        assertThat(longDescription.code()).isEqualTo("VALIDATION_FAILED");
        Http.Response control = Http.post(url("/admin/api/positions"), admin, Map.of("name", "科\u0007员"));
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.code()).isEqualTo("CONTROL_CHARACTERS");
        assertThat(Http.post(url("/admin/api/positions"), admin, Map.of("name", "科员", "sortOrder", -1))
                        .status())
                .isEqualTo(400);
        assertThat(Http.get(url("/admin/api/positions/999999"), admin).code()).isEqualTo("POSITION_NOT_FOUND");

        // List: sort order first, then by name and status; an empty description is stored as none.
        JsonNode all = Http.get(url("/admin/api/positions"), admin).json();
        assertThat(names(all, "name")).containsExactly("辅导员", "保卫处处长", "门岗班长");
        assertThat(all.get(0).path("description").isNull()).isTrue();
        assertThat(all.get(2).path("updatedBy").asString()).isEqualTo("officer1");
        assertThat(names(
                        Http.get(url("/admin/api/positions?name=" + Http.enc("处长")), admin)
                                .json(),
                        "name"))
                .containsExactly("保卫处处长");

        // Edit, disable (操作人 follows who did it), filter by status, enable again.
        Http.Response edited = Http.put(
                url("/admin/api/positions/" + chiefId),
                officer,
                Map.of("name", "保卫处处长", "description", "主持保卫处工作，分管校园安全", "sortOrder", 1));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("description").asString()).isEqualTo("主持保卫处工作，分管校园安全");
        assertThat(edited.json().path("updatedBy").asString()).isEqualTo("officer1");
        Http.Response disabled = Http.put(
                url("/admin/api/positions/" + leaderId),
                admin,
                Map.of("name", "门岗班长", "sortOrder", 2, "enabled", false));
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        assertThat(disabled.json().path("updatedBy").asString()).isEqualTo("admin");
        assertThat(names(
                        Http.get(url("/admin/api/positions?enabled=false"), admin)
                                .json(),
                        "name"))
                .containsExactly("门岗班长");
        assertThat(names(
                        Http.get(url("/admin/api/positions?enabled=true"), admin)
                                .json(),
                        "name"))
                .containsExactly("辅导员", "保卫处处长");
        assertThat(Http.put(url("/admin/api/positions/" + chiefId), admin, Map.of("name", "辅导员"))
                        .code())
                .isEqualTo("POSITION_NAME_TAKEN");
        assertThat(Http.get(url("/admin/api/positions/" + chiefId), admin)
                        .json()
                        .path("name")
                        .asString())
                .isEqualTo("保卫处处长");

        // Permissions: a department admin may look, not change.
        assertThat(Http.get(url("/admin/api/positions"), deptAdmin).status()).isEqualTo(200);
        assertThat(Http.post(url("/admin/api/positions"), deptAdmin, Map.of("name", "干事"))
                        .status())
                .isEqualTo(403);
        assertThat(Http.delete(url("/admin/api/positions/" + counselorId), deptAdmin)
                        .status())
                .isEqualTo(403);

        // A position a staff user holds is not deleted; once nobody holds it, it is.
        String schema = SchoolCode.of("posuni").schemaName();
        jdbc.update(
                "INSERT INTO " + schema + ".staff_user (id, username, name, position_id) VALUES (?, ?, ?, ?)",
                "it-user-1",
                "counselor1",
                "李老师",
                counselorId);
        Http.Response inUse = Http.delete(url("/admin/api/positions/" + counselorId), admin);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.code()).isEqualTo("POSITION_IN_USE");
        assertThat(inUse.json().path("message").asString()).contains("系统用户");
        assertThat(Http.get(url("/admin/api/positions/" + counselorId), admin).status())
                .isEqualTo(200);
        jdbc.update("UPDATE " + schema + ".staff_user SET position_id = NULL WHERE id = ?", "it-user-1");
        assertThat(Http.delete(url("/admin/api/positions/" + counselorId), admin)
                        .status())
                .isEqualTo(204);
        assertThat(Http.get(url("/admin/api/positions/" + counselorId), admin).code())
                .isEqualTo("POSITION_NOT_FOUND");

        // 操作人 and 描述 on the other organization lists.
        Http.Response campus = Http.post(url("/admin/api/campuses"), officer, Map.of("name", "主校区"));
        assertThat(campus.json().path("updatedBy").asString()).isEqualTo("officer1");
        long campusId = campus.json().path("id").asLong();
        Http.Response renamed =
                Http.put(url("/admin/api/campuses/" + campusId), admin, Map.of("name", "本部校区", "enabled", false));
        assertThat(renamed.json().path("updatedBy").asString()).isEqualTo("admin");
        assertThat(renamed.json().path("updatedAt").asString()).isNotBlank();
        Http.Response gate = Http.post(url("/admin/api/gates"), officer, Map.of("campusId", campusId, "name", "东门"));
        assertThat(gate.json().path("updatedBy").asString()).isEqualTo("officer1");
        Http.Response dept =
                Http.post(url("/admin/api/departments"), admin, Map.of("name", "保卫处", "description", "负责校园安全与出入管理"));
        assertThat(dept.status()).as(dept.body()).isEqualTo(201);
        assertThat(dept.json().path("description").asString()).isEqualTo("负责校园安全与出入管理");
        assertThat(dept.json().path("updatedBy").asString()).isEqualTo("admin");
        long deptId = dept.json().path("id").asLong();
        Map<String, Object> longDept = Map.of("name", "保卫处", "description", "长".repeat(201));
        assertThat(Http.put(url("/admin/api/departments/" + deptId), admin, longDept)
                        .code())
                .isEqualTo("VALIDATION_FAILED");
        Http.Response deptEdited = Http.put(
                url("/admin/api/departments/" + deptId), officer, Map.of("name", "保卫处", "description", "校园安全"));
        assertThat(deptEdited.json().path("updatedBy").asString()).isEqualTo("officer1");
        assertThat(Http.get(url("/admin/api/departments/" + deptId), admin)
                        .json()
                        .path("description")
                        .asString())
                .isEqualTo("校园安全");

        // A department a staff user runs is refused deletion with a code, not a 500.
        jdbc.update(
                "INSERT INTO " + schema + ".staff_user_department (user_id, department_id) VALUES (?, ?)",
                "it-user-1",
                deptId);
        Http.Response deptInUse = Http.delete(url("/admin/api/departments/" + deptId), admin);
        assertThat(deptInUse.status()).isEqualTo(409);
        assertThat(deptInUse.code()).isEqualTo("DEPARTMENT_REFERENCED");
    }

    @Test
    void academicYearsAndTermsWithTheirDateRules() {
        onboard("termuni", "admin", "13500000010", "TermUni@2026");
        String admin = Tokens.school("termuni", "admin", "TermUni@2026");
        SchoolFixtures fixtures = new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms);
        fixtures.staff("termuni", "officer2", "13500000011", "Officer@2026x", SeededRole.SECURITY_OFFICER.realmRole());
        fixtures.staff("termuni", "guard2", "13500000012", "Guard@2026x", SeededRole.GATE_GUARD.realmRole());
        String officer = Tokens.school("termuni", "officer2", "Officer@2026x");
        String guard = Tokens.school("termuni", "guard2", "Guard@2026x");

        Http.Response y2026 = year(admin, "2026-2027学年", "2026-08-24", "2027-08-22");
        assertThat(y2026.status()).as(y2026.body()).isEqualTo(201);
        long year = y2026.json().path("id").asLong();
        assertThat(y2026.json().path("updatedBy").asString()).isEqualTo("admin");
        assertThat(y2026.json().path("startDate").asString()).isEqualTo("2026-08-24");
        long older = year(officer, "2025-2026学年", "2025-08-25", "2026-08-23")
                .json()
                .path("id")
                .asLong();

        // Year rules.
        assertThat(year(admin, "2026-2027学年", "2030-09-01", "2031-07-01").code())
                .isEqualTo("ACADEMIC_YEAR_NAME_TAKEN");
        Http.Response overlapYear = year(admin, "重叠学年", "2027-08-01", "2028-07-31");
        assertThat(overlapYear.status()).isEqualTo(409);
        assertThat(overlapYear.code()).isEqualTo("ACADEMIC_YEAR_OVERLAP");
        assertThat(overlapYear.json().path("message").asString()).contains("2026-2027学年");
        Http.Response reversed = year(admin, "倒置学年", "2029-08-01", "2028-07-31");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.code()).isEqualTo("DATES_REVERSED");
        Map<String, Object> noEnd = new LinkedHashMap<>(Map.of("name", "缺日期学年", "startDate", "2031-08-01"));
        assertThat(Http.post(url("/admin/api/academic-years"), admin, noEnd).code())
                .isEqualTo("VALIDATION_FAILED");
        Http.Response badDate = year(admin, "坏日期学年", "2031-13-01", "2032-07-01");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.code()).isIn("MALFORMED_REQUEST", "VALIDATION_FAILED");
        assertThat(Http.get(url("/admin/api/academic-years/999999"), admin).code())
                .isEqualTo("ACADEMIC_YEAR_NOT_FOUND");
        assertThat(names(Http.get(url("/admin/api/academic-years"), admin).json(), "name"))
                .containsExactly("2026-2027学年", "2025-2026学年");

        // Terms: inside the year, not overlapping, adjacent is fine.
        Http.Response autumn = term(admin, year, "2026-2027学年第一学期", "2026-09-07", "2027-01-22");
        assertThat(autumn.status()).as(autumn.body()).isEqualTo(201);
        long autumnId = autumn.json().path("id").asLong();
        assertThat(autumn.json().path("academicYearName").asString()).isEqualTo("2026-2027学年");
        assertThat(autumn.json().path("updatedBy").asString()).isEqualTo("admin");
        Http.Response winter = term(officer, year, "寒假小学期", "2027-01-23", "2027-02-21");
        assertThat(winter.status()).as(winter.body()).isEqualTo(201);
        long winterId = winter.json().path("id").asLong();
        Http.Response overlap = term(admin, year, "2026-2027学年第二学期", "2027-02-10", "2027-07-09");
        assertThat(overlap.status()).isEqualTo(409);
        assertThat(overlap.code()).isEqualTo("TERM_OVERLAP");
        assertThat(overlap.json().path("message").asString()).contains("寒假小学期");
        Http.Response outside = term(admin, year, "2026-2027学年第二学期", "2027-02-22", "2027-09-01");
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.code()).isEqualTo("TERM_OUTSIDE_YEAR");
        assertThat(term(admin, year, "倒置学期", "2027-03-01", "2027-02-25").code()).isEqualTo("DATES_REVERSED");
        assertThat(term(admin, year, "寒假小学期", "2027-07-20", "2027-08-01").code())
                .isEqualTo("TERM_NAME_TAKEN");
        assertThat(term(admin, 999999, "无学年学期", "2027-07-20", "2027-08-01").code())
                .isEqualTo("ACADEMIC_YEAR_NOT_FOUND");
        long springId = term(admin, year, "2026-2027学年第二学期", "2027-02-22", "2027-07-09")
                .json()
                .path("id")
                .asLong();
        // Editing a term into its neighbour is refused too; within its own dates it is fine.
        assertThat(Http.put(
                                url("/admin/api/terms/" + winterId),
                                admin,
                                termBody(year, "寒假小学期", "2027-01-20", "2027-02-21"))
                        .code())
                .isEqualTo("TERM_OVERLAP");
        Http.Response winterEdited = Http.put(
                url("/admin/api/terms/" + winterId), officer, termBody(year, "寒假短学期", "2027-01-25", "2027-02-21"));
        assertThat(winterEdited.status()).as(winterEdited.body()).isEqualTo(200);
        assertThat(winterEdited.json().path("updatedBy").asString()).isEqualTo("officer2");
        assertThat(names(
                        Http.get(url("/admin/api/terms?academicYearId=" + year), admin)
                                .json(),
                        "name"))
                .containsExactly("2026-2027学年第二学期", "寒假短学期", "2026-2027学年第一学期");
        assertThat(names(
                        Http.get(url("/admin/api/terms?name=" + Http.enc("寒假")), admin)
                                .json(),
                        "name"))
                .containsExactly("寒假短学期");
        assertThat(Http.get(url("/admin/api/terms?academicYearId=" + older), admin)
                        .json()
                        .size())
                .isZero();

        // The year cannot shrink past its terms nor be deleted while it has them.
        Http.Response shrink = Http.put(
                url("/admin/api/academic-years/" + year),
                admin,
                Map.of("name", "2026-2027学年", "startDate", "2026-10-01", "endDate", "2027-08-22"));
        assertThat(shrink.status()).isEqualTo(409);
        assertThat(shrink.code()).isEqualTo("ACADEMIC_YEAR_TERMS_OUTSIDE");
        Http.Response yearInUse = Http.delete(url("/admin/api/academic-years/" + year), admin);
        assertThat(yearInUse.status()).isEqualTo(409);
        assertThat(yearInUse.code()).isEqualTo("ACADEMIC_YEAR_IN_USE");

        // The term of a date: one call, through the API and the facade.
        assertThat(Http.get(url("/admin/api/terms/of?date=2026-10-01"), guard).status())
                .isEqualTo(403);
        JsonNode of =
                Http.get(url("/admin/api/terms/of?date=2026-10-01"), officer).json();
        assertThat(of.path("termId").asLong()).isEqualTo(autumnId);
        assertThat(of.path("termName").asString()).isEqualTo("2026-2027学年第一学期");
        assertThat(of.path("academicYearName").asString()).isEqualTo("2026-2027学年");
        assertThat(Http.get(url("/admin/api/terms/of?date=2027-01-22"), admin)
                        .json()
                        .path("termId")
                        .asLong())
                .isEqualTo(autumnId);
        assertThat(Http.get(url("/admin/api/terms/of?date=2027-01-23"), admin).code())
                .isEqualTo("NO_TERM_ON_DATE");
        assertThat(Http.get(url("/admin/api/terms/of?date=2027-07-10"), admin).status())
                .isEqualTo(404);
        assertThat(Http.get(url("/admin/api/terms/of?date=tomorrow"), admin).status())
                .isEqualTo(400);
        assertThat(Http.get(url("/admin/api/terms/of"), admin).status()).isEqualTo(400);
        SchoolCode school = SchoolCode.of("termuni");
        assertThat(SchoolContext.callAsUnchecked(school, () -> terms.termOf(LocalDate.of(2027, 3, 1))))
                .hasValueSatisfying(t -> {
                    assertThat(t.termId()).isEqualTo(springId);
                    assertThat(t.academicYearId()).isEqualTo(year);
                    assertThat(t.startDate()).isEqualTo(LocalDate.of(2027, 2, 22));
                });
        assertThat(SchoolContext.callAsUnchecked(school, () -> terms.termOf(LocalDate.of(2026, 8, 30))))
                .isEmpty();

        // A disabled term, or a term of a disabled year, is no day's term.
        Http.Response springOff = Http.put(
                url("/admin/api/terms/" + springId),
                officer,
                new LinkedHashMap<>(Map.of(
                        "academicYearId",
                        year,
                        "name",
                        "2026-2027学年第二学期",
                        "startDate",
                        "2027-02-22",
                        "endDate",
                        "2027-07-09",
                        "enabled",
                        false)));
        assertThat(springOff.json().path("enabled").asBoolean()).isFalse();
        assertThat(Http.get(url("/admin/api/terms/of?date=2027-03-01"), admin).code())
                .isEqualTo("NO_TERM_ON_DATE");
        assertThat(names(Http.get(url("/admin/api/terms?enabled=false"), admin).json(), "name"))
                .containsExactly("2026-2027学年第二学期");
        Http.Response yearOff = Http.put(
                url("/admin/api/academic-years/" + year),
                officer,
                Map.of("name", "2026-2027学年", "startDate", "2026-08-24", "endDate", "2027-08-22", "enabled", false));
        assertThat(yearOff.json().path("updatedBy").asString()).isEqualTo("officer2");
        assertThat(Http.get(url("/admin/api/terms/of?date=2026-10-01"), admin).code())
                .isEqualTo("NO_TERM_ON_DATE");
        assertThat(names(
                        Http.get(url("/admin/api/academic-years?enabled=true"), admin)
                                .json(),
                        "name"))
                .containsExactly("2025-2026学年");

        // Permissions: a gate guard neither reads nor changes the calendar.
        assertThat(Http.get(url("/admin/api/academic-years"), guard).status()).isEqualTo(403);
        assertThat(term(guard, year, "门卫学期", "2027-07-20", "2027-08-01").status())
                .isEqualTo(403);

        // Delete: terms, then the year.
        for (long id : List.of(autumnId, winterId, springId)) {
            assertThat(Http.delete(url("/admin/api/terms/" + id), admin).status())
                    .isEqualTo(204);
        }
        assertThat(Http.get(url("/admin/api/terms/" + autumnId), admin).code()).isEqualTo("TERM_NOT_FOUND");
        assertThat(Http.delete(url("/admin/api/academic-years/" + year), admin).status())
                .isEqualTo(204);
        assertThat(names(Http.get(url("/admin/api/academic-years"), admin).json(), "name"))
                .containsExactly("2025-2026学年");
    }

    /** The local stack's demo extras, run twice: positions, department descriptions and the calendar, once each. */
    @Test
    void demoOrganizationExtrasSeedIdempotently() {
        onboard("demoext", "admin", "13500000030", "DemoExt@2026");
        String admin = Tokens.school("demoext", "admin", "DemoExt@2026");
        Http.post(url("/admin/api/departments"), admin, Map.of("name", "保卫处"));
        Http.post(url("/admin/api/departments"), admin, Map.of("name", "计算机学院", "description", "自己写的描述"));
        Http.post(url("/admin/api/departments"), admin, Map.of("name", "艺术学院"));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

        DemoOrganizationExtras.seed(http, url(""), admin);
        DemoOrganizationExtras.seed(http, url(""), admin);

        JsonNode positions = Http.get(url("/admin/api/positions"), admin).json();
        assertThat(positions.size()).isEqualTo(8);
        assertThat(names(positions, "name"))
                .startsWith("保卫处处长", "保卫处副处长", "门岗班长")
                .contains("辅导员");
        assertThat(positions.valueStream().map(p -> p.path("description").asString()))
                .allSatisfy(d -> assertThat(d).isNotBlank());
        Map<String, String> descriptions = new LinkedHashMap<>();
        Http.get(url("/admin/api/departments"), admin)
                .json()
                .valueStream()
                .forEach(d -> descriptions.put(
                        d.path("name").asString(), d.path("description").asString()));
        assertThat(descriptions)
                .containsEntry("保卫处", "负责校园治安、门岗通行、车辆与访客管理")
                .containsEntry("计算机学院", "自己写的描述")
                .containsEntry("艺术学院", "艺术学院的本科、研究生教学与科研");
        assertThat(names(Http.get(url("/admin/api/academic-years"), admin).json(), "name"))
                .containsExactly("2026-2027学年", "2025-2026学年");
        assertThat(Http.get(url("/admin/api/terms"), admin).json().size()).isEqualTo(4);
        assertThat(Http.get(url("/admin/api/terms/of?date=2026-10-01"), admin)
                        .json()
                        .path("termName")
                        .asString())
                .isEqualTo("2026-2027学年秋季学期");
        assertThat(Http.get(url("/admin/api/terms/of?date=2026-03-02"), admin)
                        .json()
                        .path("termName")
                        .asString())
                .isEqualTo("2025-2026学年春季学期");
    }

    /** Parallel requests for overlapping terms (and years): exactly one wins each round, the rest are refused. */
    @Test
    void overlappingTermsAndYearsAreRefusedUnderParallelRequests() throws Exception {
        onboard("paruni", "admin", "13500000020", "ParUni@2026");
        String admin = Tokens.school("paruni", "admin", "ParUni@2026");
        long year = year(admin, "2026-2027学年", "2026-08-24", "2027-08-22")
                .json()
                .path("id")
                .asLong();
        int parallel = 6;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            for (int round = 0; round < 4; round++) {
                LocalDate start = LocalDate.of(2026, 9, 1).plusMonths(round * 2L);
                String prefix = "并发学期" + round + "-";
                List<Http.Response> answers = race(
                        pool,
                        parallel,
                        i -> term(
                                admin,
                                year,
                                prefix + i,
                                start.plusDays(i).toString(),
                                start.plusDays(i + 20).toString()));
                assertThat(answers).extracting(Http.Response::status).containsOnly(201, 409);
                assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(1);
                assertThat(answers.stream().filter(r -> r.status() == 409))
                        .allSatisfy(r -> assertThat(r.code()).isEqualTo("TERM_OVERLAP"));
            }
            assertThat(Http.get(url("/admin/api/terms?academicYearId=" + year), admin)
                            .json()
                            .size())
                    .isEqualTo(4);

            List<Http.Response> years =
                    race(pool, parallel, i -> year(admin, "并发学年" + i, "2030-08-0" + (i + 1), "2031-07-0" + (i + 1)));
            assertThat(years).extracting(Http.Response::status).containsOnly(201, 409);
            assertThat(years.stream().filter(r -> r.status() == 201)).hasSize(1);
            assertThat(years.stream().filter(r -> r.status() == 409))
                    .allSatisfy(r -> assertThat(r.code()).isEqualTo("ACADEMIC_YEAR_OVERLAP"));
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Request {
        Http.Response send(int index);
    }

    private static List<Http.Response> race(ExecutorService pool, int parallel, Request request) throws Exception {
        CountDownLatch ready = new CountDownLatch(parallel);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Response>> futures = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return request.send(index);
            }));
        }
        ready.await();
        go.countDown();
        List<Http.Response> answers = new ArrayList<>();
        for (Future<Http.Response> f : futures) {
            answers.add(f.get());
        }
        return answers;
    }

    private Http.Response year(String token, String name, String start, String end) {
        return Http.post(
                url("/admin/api/academic-years"), token, Map.of("name", name, "startDate", start, "endDate", end));
    }

    private Http.Response term(String token, long year, String name, String start, String end) {
        return Http.post(url("/admin/api/terms"), token, termBody(year, name, start, end));
    }

    private static Map<String, Object> termBody(long year, String name, String start, String end) {
        return Map.of("academicYearId", year, "name", name, "startDate", start, "endDate", end);
    }
}
