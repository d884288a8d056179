package cn.campuspass.it;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.registrant.IdTails;
import cn.campuspass.registrant.Registrants;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Data the API tests need that no API of this slice creates: registrants straight into a school's schema (the import
 * and CRUD have their own tests) and staff accounts with a given role in the school's realm.
 */
final class SchoolFixtures {

    private final String baseUrl;
    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;
    private final KeycloakAdmin keycloak;
    private final SchoolRealmProvisioner realms;

    SchoolFixtures(
            String baseUrl,
            JdbcTemplate jdbc,
            FieldCipher cipher,
            KeycloakAdmin keycloak,
            SchoolRealmProvisioner realms) {
        this.baseUrl = baseUrl;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.keycloak = keycloak;
        this.realms = realms;
    }

    long campus(String token, String name) {
        return Http.post(baseUrl + "/admin/api/campuses", token, Map.of("name", name))
                .json()
                .path("id")
                .asLong();
    }

    long gate(String token, long campusId, String name) {
        Http.Response r = Http.post(baseUrl + "/admin/api/gates", token, Map.of("campusId", campusId, "name", name));
        if (r.status() != 201) {
            throw new IllegalStateException(r.body());
        }
        return r.json().path("id").asLong();
    }

    long department(String token, String name) {
        return Http.post(baseUrl + "/admin/api/departments", token, Map.of("name", name))
                .json()
                .path("id")
                .asLong();
    }

    /** A registrant with an encrypted phone, as the import stores them; no gates. */
    long registrant(
            String school, String name, String identity, String number, String phone, String idTail, long department) {
        PhoneNumber normalised = PhoneNumber.parse(phone).orElseThrow();
        IdTails.Sealed tail = IdTails.seal(cipher, school, idTail);
        return jdbc.queryForObject(
                "INSERT INTO " + SchoolCode.of(school).schemaName()
                        + ".registrant (name, identity, number, phone_encrypted, phone_index, phone_masked,"
                        + " id_tail_encrypted, id_tail_index, id_tail_masked, department_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                Long.class,
                name,
                identity,
                number,
                cipher.encrypt(school, Registrants.PHONE_FIELD, normalised.value()),
                cipher.blindIndex(normalised.value()),
                normalised.masked(),
                tail.encrypted(),
                tail.index(),
                tail.masked(),
                department);
    }

    void setRegistrantEnabled(String school, long registrantId, boolean enabled) {
        jdbc.update(
                "UPDATE " + SchoolCode.of(school).schemaName() + ".registrant SET enabled = ? WHERE id = ?",
                enabled,
                registrantId);
    }

    /** A staff account of the school's realm with one realm role, e.g. {@link SeededRole#GATE_GUARD}. */
    void staff(String school, String username, String phone, String password, String role) {
        realms.ensureUser(
                keycloak.realm(
                        cn.campuspass.platform.security.KeycloakProperties.DEFAULT_CLUSTER,
                        SchoolCode.of(school).realmName()),
                new SchoolRealmProvisioner.FirstAdmin(
                        username, "门卫" + username, PhoneNumber.parse(phone).orElseThrow(), password),
                role);
    }
}
