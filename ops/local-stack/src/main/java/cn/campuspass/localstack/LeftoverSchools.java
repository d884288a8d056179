package cn.campuspass.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * The LOCAL stack shows its operator the demo school and the schools the developer made, never schools that tests or
 * benchmarks left behind. Tests run on their own stack (profile TEST: database {@code campuspass_test[_N]}, Keycloak
 * database {@code keycloak_test[_N]}, Redis database 1+N, their own S3Proxy and ports), so the only writers of
 * throw-away schools into the LOCAL stack are the benchmarks in {@code ops/bench}, which run against it: the
 * onboarding benchmark creates {@code 基准学校N} schools with realms, the start-up benchmark inserts {@code 种子学校N}
 * registry rows without realms. The registry never deletes a school, so without help they would stay in the
 * operator list for good, between the demo school and the developer's own.
 *
 * <p>At every start, before the app, the launcher removes such schools entirely: the Keycloak realm, the school's
 * schema, its onboarding steps, audit events and registry row. A school counts as left behind when its code is listed
 * in {@code .local/bench-schools} (the benchmarks append what they create) or its name is one the tests and
 * benchmarks give ({@link #THROWAWAY_NAME_PREFIXES}). The demo school and every other school stay.
 */
final class LeftoverSchools {

    /** Names the test and benchmark code gives its schools (StackTest, OperatorConsoleBrowserIT, ops/bench). */
    static final List<String> THROWAWAY_NAME_PREFIXES = List.of("测试大学", "浏览器大学", "基准学校", "种子学校");

    /** One school code a line, appended by the benchmarks that create schools on the LOCAL stack. */
    static final String BENCH_SCHOOLS_FILE = "bench-schools";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LeftoverSchools() {}

    /** Removes the left-behind schools; returns their codes. Never touches {@code keep}. */
    static List<String> purge(LocalStack stack, String keep) {
        Path listFile = stack.stateDir().resolve(BENCH_SCHOOLS_FILE);
        Set<String> listed = new LinkedHashSet<>();
        try {
            if (Files.isRegularFile(listFile)) {
                for (String line : Files.readAllLines(listFile, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        listed.add(line.strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> codes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUsername(), stack.dbPassword())) {
            if (!registryExists(c)) {
                return List.of(); // a fresh database: the app has not created the registry yet
            }
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT code, name FROM platform.school ORDER BY code")) {
                while (rs.next()) {
                    String code = rs.getString(1);
                    String name = rs.getString(2);
                    if (!code.equals(keep) && (listed.contains(code) || throwawayName(name))) {
                        codes.add(code);
                    }
                }
            }
            if (!codes.isEmpty()) {
                String adminToken = keycloakAdminToken(stack);
                for (String code : codes) {
                    deleteRealm(stack, adminToken, code);
                    deleteSchool(c, code);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Removing left-behind schools: " + e.getMessage(), e);
        }
        try {
            Files.deleteIfExists(listFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return codes;
    }

    static boolean throwawayName(String name) {
        return name != null && THROWAWAY_NAME_PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static boolean registryExists(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT to_regclass('platform.school') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void deleteSchool(Connection c, String code) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            // The code passed SchoolCode's pattern when the school was created: lower-case letters and digits.
            if (!code.matches("[a-z0-9_]+")) {
                throw new IllegalStateException("Unexpected school code " + code);
            }
            st.execute("DROP SCHEMA IF EXISTS \"school_" + code + "\" CASCADE");
            for (String sql : List.of(
                    "DELETE FROM platform.onboarding_step WHERE school_code = ?",
                    "DELETE FROM platform.audit_event WHERE school_code = ?",
                    "DELETE FROM platform.school WHERE code = ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, code);
                    ps.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static String keycloakAdminToken(LocalStack stack) {
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(stack.keycloakAdminUsername())
                + "&password=" + enc(stack.keycloakAdminPassword());
        Net.Response r = Net.send(
                HttpRequest.newBuilder(URI.create(stack.keycloakUrl() + "/realms/master/protocol/openid-connect/token"))
                        .POST(HttpRequest.BodyPublishers.ofString(form)),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        if (r.status() != 200) {
            throw new IllegalStateException("Keycloak admin token: HTTP " + r.status());
        }
        return JSON.readTree(r.body()).path("access_token").asString();
    }

    private static void deleteRealm(LocalStack stack, String token, String code) {
        Net.Response r = Net.send(
                HttpRequest.newBuilder(URI.create(stack.keycloakUrl() + "/admin/realms/school-" + code))
                        .DELETE(),
                Map.of("Authorization", "Bearer " + token));
        if (r.status() != 204 && r.status() != 404) {
            throw new IllegalStateException("Deleting realm school-" + code + ": HTTP " + r.status() + " " + r.body());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
