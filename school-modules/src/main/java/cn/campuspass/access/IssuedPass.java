package cn.campuspass.access;

import cn.campuspass.platform.school.Identity;
import java.time.Instant;

/**
 * A dynamic pass as the registrant's phone shows it (R3): a short code valid for one rotation window and one
 * verification, and the QR payload that carries it ({@code CP1:<school>:<code>}).
 */
public record IssuedPass(
        String code,
        String qrPayload,
        Instant expiresAt,
        int rotationSeconds,
        Instant serverTime,
        GateView gate,
        PersonView person) {

    public record GateView(long id, String name, String campusName) {}

    public record PersonView(long registrantId, String name, Identity identity, String number, String departmentName) {}
}
