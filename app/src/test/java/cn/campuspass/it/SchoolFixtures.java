package cn.campuspass.it;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.registrant.IdTails;
import cn.campuspass.registrant.Registrants;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.wechat.session.PortalSessions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Data the API tests need that no API of this slice creates: registrants straight into a school's schema (the import
 * and CRUD have their own tests), staff accounts with a given role in the school's realm, portal sessions for a
 * registrant bound to a made-up openid (the WeChat sign-in has its own tests), vehicle gates and their device
 * credentials. Tests get one from {@link StackTest#schoolFixtures()}.
 */
public final class SchoolFixtures {

    private final String baseUrl;
    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;
    private final KeycloakAdmin keycloak;
    private final SchoolRealmProvisioner realms;
    private final PortalSessions sessions;

    SchoolFixtures(
            String baseUrl,
            JdbcTemplate jdbc,
            FieldCipher cipher,
            KeycloakAdmin keycloak,
            SchoolRealmProvisioner realms) {
        this(baseUrl, jdbc, cipher, keycloak, realms, null);
    }

    SchoolFixtures(
            String baseUrl,
            JdbcTemplate jdbc,
            FieldCipher cipher,
            KeycloakAdmin keycloak,
            SchoolRealmProvisioner realms,
            PortalSessions sessions) {
        this.baseUrl = baseUrl;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.keycloak = keycloak;
        this.realms = realms;
        this.sessions = sessions;
    }

    /** A gate device's credential (HTTP Basic: key id and the secret shown once at creation). */
    public record DeviceCredential(String keyId, String secret) {

        /** The {@code Authorization} header value a device sends. */
        public String basicAuth() {
            return "Basic "
                    + Base64.getEncoder().encodeToString((keyId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        }
    }

    public long campus(String token, String name) {
        return Http.post(baseUrl + "/admin/api/campuses", token, Map.of("name", name))
                .json()
                .path("id")
                .asLong();
    }

    public long gate(String token, long campusId, String name) {
        Http.Response r = Http.post(baseUrl + "/admin/api/gates", token, Map.of("campusId", campusId, "name", name));
        if (r.status() != 201) {
            throw new IllegalStateException(r.body());
        }
        return r.json().path("id").asLong();
    }

    /** Marks a gate a vehicle gate (plate events are refused at other gates). */
    public void markVehicleGate(String token, long gateId) {
        Http.Response r = Http.put(baseUrl + "/admin/api/vehicle-gates/" + gateId, token, Map.of("vehicleGate", true));
        if (r.status() != 200 || !r.json().path("vehicleGate").asBoolean()) {
            throw new IllegalStateException(r.body());
        }
    }

    /** A gate device at the gate, through the console API; its secret is only in this answer. */
    public DeviceCredential device(String token, long gateId, String name) {
        Http.Response r = Http.post(baseUrl + "/admin/api/gate-devices", token, Map.of("name", name, "gateId", gateId));
        if (r.status() != 201) {
            throw new IllegalStateException(r.body());
        }
        return new DeviceCredential(
                r.json().path("device").path("keyId").asString(),
                r.json().path("secret").asString());
    }

    public long department(String token, String name) {
        return Http.post(baseUrl + "/admin/api/departments", token, Map.of("name", name))
                .json()
                .path("id")
                .asLong();
    }

    /** A registrant with an encrypted phone, as the import stores them; no gates. */
    public long registrant(
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

    public void setRegistrantEnabled(String school, long registrantId, boolean enabled) {
        jdbc.update(
                "UPDATE " + SchoolCode.of(school).schemaName() + ".registrant SET enabled = ? WHERE id = ?",
                enabled,
                registrantId);
    }

    /** A staff account of the school's realm with one realm role, e.g. {@link SeededRole#GATE_GUARD}. */
    public void staff(String school, String username, String phone, String password, String role) {
        realms.ensureUser(
                keycloak.realm(
                        cn.campuspass.platform.security.KeycloakProperties.DEFAULT_CLUSTER,
                        SchoolCode.of(school).realmName()),
                new SchoolRealmProvisioner.FirstAdmin(
                        username, "门卫" + username, PhoneNumber.parse(phone).orElseThrow(), password),
                role);
    }

    /** Binds the registrant to a made-up WeChat openid and opens a portal session for it (the session token). */
    public String portalSession(String school, long registrantId) {
        if (sessions == null) {
            throw new IllegalStateException("built without PortalSessions: use StackTest#schoolFixtures()");
        }
        String openid = "o-it-" + registrantId + "-" + UUID.randomUUID();
        jdbc.update(
                "UPDATE " + SchoolCode.of(school).schemaName() + ".registrant SET wechat_openid = ? WHERE id = ?",
                openid,
                registrantId);
        return sessions.create(SchoolCode.of(school), openid, registrantId).token();
    }
}
