package cn.campuspass.organization.poster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class GateLinksTest {

    private static final byte[] MASTER = "test-master-secret-0123456789abcdef".getBytes(UTF_8);
    private static final String BASE = "https://pass.example.edu.cn";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final GateLinks links = new GateLinks(MASTER);

    @Test
    void linkHasTheDocumentedShapeAndVerifies() {
        String link = links.link(BASE + "/", "demo", 12);

        assertThat(link).matches("https://pass\\.example\\.edu\\.cn/portal/demo/gate/12\\?s=[A-Za-z0-9_-]{22}");
        assertThat(links.verify("demo", 12, sig(link))).isTrue();
        assertThat(links.parse(link)).contains(new GateRef("demo", 12));
    }

    @Test
    void signatureIsTheDocumentedPerSchoolHmac() throws Exception {
        byte[] schoolKey = hmac(MASTER, "gate-link:demo");
        byte[] mac = hmac(schoolKey, "gate:demo:12");
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, 16));

        assertThat(sig(links.link(BASE, "demo", 12))).isEqualTo(expected);
    }

    @Test
    void aSignatureDoesNotCarryOverToAnotherGateOrSchool() {
        String sig = sig(links.link(BASE, "demo", 12));

        assertThat(links.verify("demo", 13, sig)).isFalse();
        assertThat(links.verify("demo", 112, sig)).isFalse();
        assertThat(links.verify("demox", 12, sig)).isFalse();
        assertThat(links.verify("other", 12, sig)).isFalse();
        assertThat(sig(links.link(BASE, "other", 12))).isNotEqualTo(sig);
    }

    @Test
    void everyAlteredSignatureCharacterFails() {
        String sig = sig(links.link(BASE, "demo", 12));
        for (int i = 0; i < sig.length(); i++) {
            for (char c : ALPHABET.toCharArray()) {
                if (c != sig.charAt(i)) {
                    String altered = sig.substring(0, i) + c + sig.substring(i + 1);
                    assertThat(links.verify("demo", 12, altered)).as(altered).isFalse();
                }
            }
        }
    }

    @Test
    void aLinkSignedWithAnotherMasterSecretFails() {
        GateLinks other = new GateLinks("another-master-secret-0123456789abcdef".getBytes(UTF_8));
        String foreign = other.link(BASE, "demo", 12);

        assertThat(links.verify("demo", 12, sig(foreign))).isFalse();
        assertThat(links.parse(foreign)).isEmpty();
    }

    @Test
    void nullAndMalformedInputsFailClosed() {
        String sig = sig(links.link(BASE, "demo", 12));

        assertThat(links.verify("demo", 12, null)).isFalse();
        assertThat(links.verify("demo", 12, "")).isFalse();
        assertThat(links.verify("demo", 12, sig.substring(1))).isFalse();
        assertThat(links.verify("demo", 12, sig + "A")).isFalse();
        assertThat(links.verify("demo", 12, sig + "==")).isFalse();
        assertThat(links.verify("demo", 12, sig.replace(sig.charAt(0), '+'))).isFalse();
        assertThat(links.verify(null, 12, sig)).isFalse();
        assertThat(links.verify("Demo", 12, sig)).isFalse();
        assertThat(links.verify("demo", 0, sig)).isFalse();
        assertThat(links.verify("demo", -12, sig)).isFalse();
        assertThat(links.parse(null)).isEmpty();
        assertThat(links.parse("")).isEmpty();
        assertThat(links.parse("not a url")).isEmpty();
        assertThat(links.parse("/portal/demo/gate/12?s=" + sig)).isEmpty();
    }

    @Test
    void parseRejectsTamperedUrls() {
        String link = links.link(BASE, "demo", 12);
        String sig = sig(link);
        char first = sig.charAt(0);
        String alteredSig = (first == 'A' ? 'B' : 'A') + sig.substring(1);

        assertThat(links.parse(link.replace("/gate/12?", "/gate/13?"))).isEmpty();
        assertThat(links.parse(link.replace("/gate/12?", "/gate/012?"))).isEmpty();
        assertThat(links.parse(link.replace("/gate/12?", "/gate/1%32?"))).isEmpty();
        assertThat(links.parse(link.replace("/gate/12?", "/gate/99999999999999999999?")))
                .isEmpty();
        assertThat(links.parse(link.replace("/portal/demo/", "/portal/other/"))).isEmpty();
        assertThat(links.parse(link.replace("/gate/12?", "/gate/12/x?"))).isEmpty();
        assertThat(links.parse(link.replace(sig, alteredSig))).isEmpty();
        assertThat(links.parse(link.replace("?s=" + sig, ""))).isEmpty();
        assertThat(links.parse(link.replace("?s=", "?t="))).isEmpty();
        assertThat(links.parse(link + "x")).isEmpty();
        assertThat(links.parse(link + "&s=" + sig)).isEmpty();
        assertThat(links.parse(link + "&s")).isEmpty();
    }

    @Test
    void parseToleratesAPathPrefixAndWeChatShareParameters() {
        String link = links.link("https://www.example.edu.cn/campuspass/", "demo", 7);

        assertThat(link).startsWith("https://www.example.edu.cn/campuspass/portal/demo/gate/7?s=");
        assertThat(links.parse(link + "&from=singlemessage&isappinstalled=0")).contains(new GateRef("demo", 7));
        assertThat(links.parse(link + "#wechat_redirect")).contains(new GateRef("demo", 7));
    }

    @Test
    void rejectsWeakSecretsAndInvalidLinkInputs() {
        assertThatThrownBy(() -> new GateLinks(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GateLinks(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> links.link(BASE, "Demo", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> links.link(BASE, "demo/../x", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> links.link(BASE, "demo", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> links.link("ftp://example.edu.cn", "demo", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> links.link(BASE + "?a=b", "demo", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> links.link("pass.example.edu.cn", "demo", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMasterSecretIsCopied() {
        byte[] secret = "test-master-secret-0123456789abcdef".getBytes(UTF_8);
        GateLinks copy = new GateLinks(secret);
        String before = copy.link(BASE, "demo", 1);
        Arrays.fill(secret, (byte) 0);

        assertThat(copy.link(BASE, "demo", 1)).isEqualTo(before);
    }

    private static String sig(String link) {
        return link.substring(link.indexOf("?s=") + 3);
    }

    private static byte[] hmac(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(UTF_8));
    }
}
