package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import jakarta.persistence.EntityManager;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * P2: two schools whose rows have the same ids; a token of school A reads and writes nothing of school B through
 * any endpoint, and a pooled connection never carries one school's schema to the next borrower.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIT extends StackTest {

    @Autowired
    EntityManager entityManager;

    @Autowired
    TransactionTemplate transactions;

    String tokenA;
    String tokenB;

    @BeforeAll
    void twoSchools() {
        onboard("isoa", "admin", "13900000001", "IsoA@2026x");
        onboard("isob", "admin", "13900000001", "IsoB@2026x");
        tokenA = Tokens.school("isoa", "admin", "IsoA@2026x");
        tokenB = Tokens.school("isob", "admin", "IsoB@2026x");
        // Same id (1) in both schemas, different names.
        assertThat(Http.post(url("/admin/api/campuses"), tokenA, Map.of("name", "A 校区"))
                        .json()
                        .path("id")
                        .asLong())
                .isEqualTo(1);
        assertThat(Http.post(url("/admin/api/campuses"), tokenB, Map.of("name", "B 校区"))
                        .json()
                        .path("id")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void eachTokenSeesOnlyItsOwnSchool() {
        assertThat(names(Http.get(url("/admin/api/campuses"), tokenA).json(), "name"))
                .containsExactly("A 校区");
        assertThat(names(Http.get(url("/admin/api/campuses"), tokenB).json(), "name"))
                .containsExactly("B 校区");
        assertThat(Http.get(url("/admin/api/campuses/1"), tokenA)
                        .json()
                        .path("name")
                        .asString())
                .isEqualTo("A 校区");
    }

    @Test
    void writesWithTokenOfALeaveBUntouched() {
        assertThat(Http.put(url("/admin/api/campuses/1"), tokenA, Map.of("name", "A 校区", "address", "A 路 1 号"))
                        .status())
                .isEqualTo(200);
        assertThat(Http.get(url("/admin/api/campuses/1"), tokenB)
                        .json()
                        .path("address")
                        .isNull())
                .isTrue();
        assertThat(Http.delete(url("/admin/api/campuses/2"), tokenA).status()).isEqualTo(404);
        assertThat(Http.get(url("/admin/api/campuses"), tokenB).json()).hasSize(1);
    }

    @Test
    void schoolSettingsAreTheTokensSchoolOnly() {
        Http.Response put = Http.put(
                url("/admin/api/school/settings"),
                tokenA,
                Map.of("openIdentities", java.util.List.of("TEACHER", "STUDENT")));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(Http.get(url("/portal/isoa/api/info"), null).json().path("identities"))
                .hasSize(2);
        assertThat(Http.get(url("/portal/isob/api/info"), null).json().path("identities"))
                .hasSize(4);
        Http.Response closeTeacher = Http.put(
                url("/admin/api/school/settings"), tokenA, Map.of("openIdentities", java.util.List.of("STUDENT")));
        assertThat(closeTeacher.status()).isEqualTo(400);
        assertThat(closeTeacher.code()).isEqualTo("TEACHER_ALWAYS_OPEN");
    }

    @Test
    void portalOfAnotherSchoolRefusesTheToken() {
        Http.Response r = Http.get(url("/portal/isob/api/info"), tokenA);
        assertThat(r.status()).isEqualTo(403);
        assertThat(Http.get(url("/portal/isoa/api/info"), tokenA).status()).isEqualTo(200);
        assertThat(Http.get(url("/portal/nosuch/api/info"), null).code()).isEqualTo("SCHOOL_NOT_FOUND");
        assertThat(Http.get(url("/portal/NO_SUCH!/api/info"), null).status()).isIn(400, 404);
    }

    @Test
    void forgedIssuerIsRefused() {
        // Re-sign nothing: just swap the payload's issuer; the signature then fails, and an unknown issuer is
        // refused before any key is fetched.
        String[] parts = tokenA.split("\\.");
        String payload = new String(
                        java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("/realms/school-isoa", "/realms/school-isob");
        String forged = parts[0] + "."
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(Http.get(url("/admin/api/campuses"), forged).status()).isEqualTo(401);
        String unknownIssuer = parts[0] + "."
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(payload.replace("/realms/school-isob", "/realms/school-nosuch")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(Http.get(url("/admin/api/campuses"), unknownIssuer).status()).isEqualTo(401);
    }

    @Test
    void schoolWorkWithoutSchoolFailsClosedAndPooledConnectionsNeverLeakSchema() {
        // With a school bound, Hibernate's connection is on that school's schema.
        String inA = SchoolContext.callAsUnchecked(
                SchoolCode.of("isoa"),
                () -> transactions.execute(tx -> (String) entityManager
                        .createNativeQuery("SELECT current_schema()")
                        .getSingleResult()));
        assertThat(inA).isEqualTo("school_isoa");
        // Right after, with nothing bound, the next borrower is on the empty schema and cannot see campus rows.
        String none = transactions.execute(tx -> (String)
                entityManager.createNativeQuery("SELECT current_schema()").getSingleResult());
        assertThat(none).isEqualTo("no_school");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> transactions.execute(tx -> entityManager
                        .createNativeQuery("SELECT count(*) FROM campus")
                        .getSingleResult()))
                .hasMessageContaining("campus");
        for (int i = 0; i < 20; i++) {
            String school = i % 2 == 0 ? "isoa" : "isob";
            String schema = SchoolContext.callAsUnchecked(
                    SchoolCode.of(school),
                    () -> transactions.execute(tx -> (String) entityManager
                            .createNativeQuery("SELECT current_schema()")
                            .getSingleResult()));
            assertThat(schema).isEqualTo("school_" + school);
        }
    }
}
