package cn.campuspass.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WeChatLoginTicketTest {

    private static final String KEY = WeChatLoginTicket.newKey();
    private static final String REALM = "school-demo";
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    @Test
    void aTicketCarriesItsRealmAccountAndOpenidForSixtySeconds() {
        String ticket = WeChatLoginTicket.mint(KEY, REALM, "officer", "o-wx-1", NOW);

        WeChatLoginTicket.Claims claims = WeChatLoginTicket.verify(KEY, REALM, ticket, NOW.plusSeconds(59))
                .orElseThrow();
        assertThat(claims.realm()).isEqualTo(REALM);
        assertThat(claims.username()).isEqualTo("officer");
        assertThat(claims.openid()).isEqualTo("o-wx-1");
        assertThat(claims.expiresAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(claims.nonce()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(WeChatLoginTicket.verify(KEY, REALM, ticket, NOW.plusSeconds(60)))
                .isEmpty();
    }

    @Test
    void everyTicketHasItsOwnNonce() {
        String a = WeChatLoginTicket.mint(KEY, REALM, "officer", "o-wx-1", NOW);
        String b = WeChatLoginTicket.mint(KEY, REALM, "officer", "o-wx-1", NOW);
        assertThat(a).isNotEqualTo(b);
        assertThat(WeChatLoginTicket.verify(KEY, REALM, a, NOW).orElseThrow().nonce())
                .isNotEqualTo(WeChatLoginTicket.verify(KEY, REALM, b, NOW)
                        .orElseThrow()
                        .nonce());
    }

    @Test
    void anotherRealmsKeyOrNameRefusesIt() {
        String ticket = WeChatLoginTicket.mint(KEY, REALM, "officer", "o-wx-1", NOW);
        assertThat(WeChatLoginTicket.verify(WeChatLoginTicket.newKey(), REALM, ticket, NOW))
                .isEmpty();
        assertThat(WeChatLoginTicket.verify(KEY, "school-other", ticket, NOW)).isEmpty();
        assertThat(WeChatLoginTicket.verify(null, REALM, ticket, NOW)).isEmpty();
        assertThat(WeChatLoginTicket.verify("", REALM, ticket, NOW)).isEmpty();
        assertThat(WeChatLoginTicket.verify("not*base64", REALM, ticket, NOW)).isEmpty();
        assertThat(WeChatLoginTicket.verify("c2hvcnQ", REALM, ticket, NOW)).isEmpty();
    }

    @Test
    void aChangedPayloadBreaksTheSignature() {
        String ticket = WeChatLoginTicket.mint(KEY, REALM, "officer", "o-wx-1", NOW);
        String[] parts = ticket.split("\\.");
        String text = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(text.replace("officer", "admin").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(WeChatLoginTicket.verify(KEY, REALM, forged, NOW)).isEmpty();
        assertThat(WeChatLoginTicket.verify(KEY, REALM, ticket.substring(0, ticket.length() - 2), NOW))
                .isEmpty();
    }

    @Test
    void aTicketMintedFurtherAheadThanItsLifetimeAndClockSkewIsRefused() {
        String early = WeChatLoginTicket.mint(KEY, REALM, "officer", "o-wx-1", NOW.plusSeconds(31));
        assertThat(WeChatLoginTicket.verify(KEY, REALM, early, NOW)).isEmpty();
        String skewed = WeChatLoginTicket.mint(KEY, REALM, "officer", "o-wx-1", NOW.plusSeconds(20));
        assertThat(WeChatLoginTicket.verify(KEY, REALM, skewed, NOW)).isPresent();
    }

    @Test
    void malformedTicketsAreRefusedWithoutAnException() {
        for (String bad : new String[] {
            null, "", "v1", "v1.", "v1..", "v2.abc.def", "v1.***.***", "v1.YWJj.YWJj", "x".repeat(2000)
        }) {
            assertThat(WeChatLoginTicket.verify(KEY, REALM, bad, NOW)).as(bad).isEmpty();
        }
    }

    @Test
    void partsMustBeSingleNonEmptyLines() {
        assertThatThrownBy(() -> WeChatLoginTicket.mint(KEY, REALM, "a\nb", "o", NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeChatLoginTicket.mint(KEY, REALM, "a", "", NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
