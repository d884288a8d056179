package cn.campuspass.tenant.staff;

import cn.campuspass.platform.error.ApiError.FieldProblem;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolDirectory;
import cn.campuspass.platform.school.SchoolEntry;
import cn.campuspass.tenant.TenantError;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.stereotype.Service;

/**
 * A school staff member's own account (A7), kept in the school's Keycloak realm: name, phone (unique in the realm,
 * also a login name). The caller is always the signed-in user; nobody edits another account here. The password is
 * changed on Keycloak's own page (the UPDATE_PASSWORD application-initiated action the console starts), which checks
 * the current password, the realm's policy and its history.
 */
@Service
public class StaffAccounts {

    private static final int MAX_NAME = 50;

    private final KeycloakAdmin admin;
    private final SchoolDirectory schools;
    private final ObjectMapper json = new ObjectMapper();

    StaffAccounts(KeycloakAdmin admin, SchoolDirectory schools) {
        this.admin = admin;
        this.schools = schools;
    }

    /** The account as Keycloak holds it; {@code name} is the first-name field (Chinese names are kept whole). */
    public record Account(String id, String username, String name, String phone) {}

    /** The Keycloak user id of a username of the school realm (for tokens without a {@code sub} claim). */
    public String idOf(SchoolCode school, String username) {
        return realm(school).users().searchByUsername(username, true).stream()
                .findFirst()
                .map(UserRepresentation::getId)
                .orElseThrow(() -> new ApiException(PlatformError.NOT_FOUND));
    }

    public Account account(SchoolCode school, String userId) {
        return toAccount(user(school, userId).toRepresentation());
    }

    public SchoolEntry school(SchoolCode code) {
        return schools.find(code).orElseThrow(() -> new ApiException(PlatformError.NO_SCHOOL));
    }

    /**
     * Changes name and phone. The phone is normalised and must not belong to another user of the realm (it is a
     * login name); Keycloak does not enforce unique attributes, so this checks with an exact attribute search.
     */
    public Account update(SchoolCode school, String userId, String name, String phone) {
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.codePointCount(0, cleanName.length()) > MAX_NAME) {
            throw ApiException.withFields(
                    TenantError.NAME_INVALID, List.of(new FieldProblem("name", "姓名须为 1-" + MAX_NAME + " 个字符")));
        }
        PhoneNumber number = PhoneNumber.parse(phone)
                .orElseThrow(() -> ApiException.withFields(
                        TenantError.PHONE_INVALID, List.of(new FieldProblem("phone", "手机号格式不正确"))));
        RealmResource realm = realm(school);
        boolean taken = realm
                .users()
                .searchByAttributes(SchoolRealmProvisioner.PHONE_ATTRIBUTE + ":" + number.value(), true)
                .stream()
                .anyMatch(other -> !other.getId().equals(userId));
        if (taken) {
            throw ApiException.withFields(TenantError.PHONE_TAKEN, List.of(new FieldProblem("phone", "该手机号已绑定本校其他账号")));
        }
        UserResource user = realm.users().get(userId);
        UserRepresentation rep = user.toRepresentation();
        rep.setFirstName(cleanName);
        Map<String, List<String>> attributes =
                rep.getAttributes() == null ? new HashMap<>() : new HashMap<>(rep.getAttributes());
        attributes.put(SchoolRealmProvisioner.PHONE_ATTRIBUTE, List.of(number.value()));
        rep.setAttributes(attributes);
        try {
            user.update(rep);
        } catch (BadRequestException e) {
            // Keycloak's user profile refuses some names (e.g. characters like < > $ in a person's name).
            throw ApiException.withFields(TenantError.NAME_INVALID, List.of(new FieldProblem("name", reason(e))));
        }
        return toAccount(user.toRepresentation());
    }

    /** Keycloak answers a refusal as {@code {"errorMessage": ...}} or {@code {"error_description": ...}}. */
    private String reason(BadRequestException e) {
        try {
            String body = e.getResponse().readEntity(String.class);
            JsonNode node = json.readTree(body);
            for (String field : List.of("errorMessage", "error_description", "error")) {
                String text = node.path(field).asText("");
                if (!text.isEmpty()) {
                    return text;
                }
            }
            return body;
        } catch (IOException | RuntimeException parse) {
            return e.getMessage();
        }
    }

    private UserResource user(SchoolCode school, String userId) {
        UserResource user = realm(school).users().get(userId);
        try {
            user.toRepresentation();
        } catch (NotFoundException e) {
            throw new ApiException(PlatformError.NOT_FOUND);
        }
        return user;
    }

    private RealmResource realm(SchoolCode school) {
        return admin.realm(school(school).keycloakCluster(), school.realmName());
    }

    private static Account toAccount(UserRepresentation rep) {
        List<String> phones =
                rep.getAttributes() == null ? null : rep.getAttributes().get(SchoolRealmProvisioner.PHONE_ATTRIBUTE);
        return new Account(
                rep.getId(),
                rep.getUsername(),
                rep.getFirstName(),
                phones == null || phones.isEmpty() ? null : phones.get(0));
    }
}
