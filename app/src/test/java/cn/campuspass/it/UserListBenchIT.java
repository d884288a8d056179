package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.campuspass.platform.school.SchoolCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The system users list (A3.3) at 5,000 staff users, over HTTP with a real token: first page, text search, role and
 * department filters, a deep page. The mirror rows are inserted straight into the school's schema (creating 5,000
 * realm accounts through the API would measure Keycloak, not the list). Runs only with
 * {@code -Dcampuspass.bench.user-list=true}; prints one {@code BENCH} line per query shape and asserts no timing.
 */
class UserListBenchIT extends StackTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void listsFiveThousandStaffUsers() {
        assumeTrue(Boolean.getBoolean("campuspass.bench.user-list"), "no -Dcampuspass.bench.user-list=true");
        int users = Integer.getInteger("campuspass.bench.users", 5000);
        int rounds = Integer.getInteger("campuspass.bench.rounds", 200);
        String code = "ub" + Long.toString(System.currentTimeMillis(), 36);
        onboard(code, "admin", "13600000000", "Bench@2026");
        String token = Tokens.school(code, "admin", "Bench@2026");
        String schema = SchoolCode.of(code).schemaName();
        for (int i = 1; i <= 20; i++) {
            Http.post(url("/admin/api/departments"), token, Map.of("name", "基准部门" + i));
        }
        jdbc.update("INSERT INTO " + schema + ".job_position (name) SELECT '职位' || g FROM generate_series(1, 10) g");
        jdbc.update(
                "INSERT INTO " + schema + ".staff_user (id, username, name, phone, position_id, enabled, created_at)"
                        + " SELECT 'bench-' || g, 'user' || g, '用户' || g, '139' || lpad(g::text, 8, '0'),"
                        + " (SELECT min(id) FROM " + schema + ".job_position) + g % 10, g % 13 <> 0,"
                        + " now() - g * interval '1 minute' FROM generate_series(1, ?) g",
                users);
        jdbc.update(
                "INSERT INTO " + schema + ".staff_user_role (user_id, role_id)"
                        + " SELECT 'bench-' || g, r.id FROM generate_series(1, ?) g JOIN " + schema
                        + ".staff_role r ON r.seeded = CASE g % 3 WHEN 0 THEN 'GATE_GUARD' WHEN 1 THEN 'DEPARTMENT_ADMIN'"
                        + " ELSE 'SECURITY_OFFICER' END",
                users);
        jdbc.update(
                "INSERT INTO " + schema + ".staff_user_department (user_id, department_id)"
                        + " SELECT 'bench-' || g, (SELECT min(id) FROM " + schema + ".department) + g % 20"
                        + " FROM generate_series(1, ?) g",
                users);
        jdbc.execute("ANALYZE " + schema + ".staff_user");
        long guardRole =
                jdbc.queryForObject("SELECT id FROM " + schema + ".staff_role WHERE seeded = 'GATE_GUARD'", Long.class);
        long department = jdbc.queryForObject("SELECT min(id) FROM " + schema + ".department", Long.class);

        Http.Response first = Http.get(url("/admin/api/users"), token);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("total").asLong()).isEqualTo(users + 1L);

        Map<String, String> shapes = new java.util.LinkedHashMap<>();
        shapes.put("first-page", "");
        shapes.put("text", "text=user12");
        shapes.put("phone", "text=0000123");
        shapes.put("role", "roleId=" + guardRole);
        shapes.put("department+enabled", "departmentId=" + department + "&enabled=true");
        shapes.put("page-100-size-20", "page=100&size=20");
        List<Long> all = new ArrayList<>();
        for (Map.Entry<String, String> shape : shapes.entrySet()) {
            String path = "/admin/api/users?" + shape.getValue();
            for (int i = 0; i < 20; i++) {
                Http.get(url(path), token); // warm-up
            }
            long[] millis = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                Http.Response r = Http.get(url(path), token);
                millis[i] = (System.nanoTime() - start) / 1_000;
                assertThat(r.status()).isEqualTo(200);
            }
            Arrays.sort(millis);
            for (long m : millis) {
                all.add(m);
            }
            System.out.printf(
                    "BENCH user-list users=%d shape=%s n=%d p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms%n",
                    users,
                    shape.getKey(),
                    rounds,
                    millis[rounds / 2] / 1000.0,
                    millis[(int) (rounds * 0.95) - 1] / 1000.0,
                    millis[(int) (rounds * 0.99) - 1] / 1000.0,
                    millis[rounds - 1] / 1000.0);
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "BENCH user-list users=%d shape=all n=%d p50=%.1fms p95=%.1fms p99=%.1fms%n",
                users,
                sorted.length,
                sorted[sorted.length / 2] / 1000.0,
                sorted[(int) (sorted.length * 0.95) - 1] / 1000.0,
                sorted[(int) (sorted.length * 0.99) - 1] / 1000.0);
    }
}
