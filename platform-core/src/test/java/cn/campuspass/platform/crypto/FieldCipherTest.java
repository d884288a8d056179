package cn.campuspass.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class FieldCipherTest {

    static final String K1 = key(1);
    static final String K2 = key(2);
    static final String INDEX = key(9);

    static String key(int fill) {
        byte[] raw = new byte[32];
        java.util.Arrays.fill(raw, (byte) fill);
        return Base64.getEncoder().encodeToString(raw);
    }

    static FieldCipher ring(String active, Map<String, String> keys) {
        return new FieldCipher(active, keys, INDEX);
    }

    @Test
    void roundTripsWithRandomIvAndNamesTheKey() {
        FieldCipher cipher = ring("k1", Map.of("k1", K1));
        String a = cipher.encrypt("demo", "registrant.phone", "110101199003077777");
        String b = cipher.encrypt("demo", "registrant.phone", "110101199003077777");
        assertThat(a).startsWith("v2:k1:").isNotEqualTo(b).doesNotContain("1101011990");
        assertThat(cipher.decrypt("demo", "registrant.phone", a)).isEqualTo("110101199003077777");
        assertThat(cipher.encrypt("demo", "registrant.phone", null)).isNull();
        assertThat(cipher.decrypt("demo", "registrant.phone", null)).isNull();
    }

    @Test
    void rotationWritesWithTheActiveKeyAndReadsEveryKeyOfTheRing() {
        FieldCipher before = ring("k1", Map.of("k1", K1));
        String old = before.encrypt("demo", "registrant.phone", "13800138000");

        // Rollout step 1: every node gets k2 while k1 stays active; k2 values already read everywhere.
        FieldCipher both = ring("k2", Map.of("k1", K1, "k2", K2));
        String fresh = both.encrypt("demo", "registrant.phone", "13900139000");
        assertThat(fresh).startsWith("v2:k2:");
        assertThat(both.decrypt("demo", "registrant.phone", old)).isEqualTo("13800138000");
        assertThat(ring("k1", Map.of("k1", K1, "k2", K2)).decrypt("demo", "registrant.phone", fresh))
                .isEqualTo("13900139000");

        // Re-encryption rewrites what the old key sealed, and leaves current values alone.
        assertThat(both.needsReencryption(old)).isTrue();
        assertThat(both.needsReencryption(fresh)).isFalse();
        String rewritten = both.reencrypt("demo", "registrant.phone", old);
        assertThat(rewritten).startsWith("v2:k2:");
        assertThat(both.reencrypt("demo", "registrant.phone", fresh)).isSameAs(fresh);

        // Once k1 is removed, only what it sealed and was not rewritten stops reading.
        FieldCipher after = ring("k2", Map.of("k2", K2));
        assertThat(after.decrypt("demo", "registrant.phone", rewritten)).isEqualTo("13800138000");
        assertThatThrownBy(() -> after.decrypt("demo", "registrant.phone", old))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("k1");
    }

    @Test
    void aValueCopiedToAnotherSchoolOrFieldDoesNotDecrypt() {
        FieldCipher cipher = ring("k1", Map.of("k1", K1));
        String sealed = cipher.encrypt("pku", "registrant.id_tail", "12345X");
        assertThatThrownBy(() -> cipher.decrypt("thu", "registrant.id_tail", sealed))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt("pku", "registrant.phone", sealed))
                .isInstanceOf(IllegalStateException.class);
        assertThat(cipher.decrypt("pku", "registrant.id_tail", sealed)).isEqualTo("12345X");
    }

    @Test
    void detectsTamperingUnknownKeysAndBadSettings() {
        FieldCipher cipher = ring("k1", Map.of("k1", K1));
        String sealed = cipher.encrypt("demo", "registrant.phone", "13800138000");
        char[] chars = sealed.toCharArray();
        chars[12] = chars[12] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> cipher.decrypt("demo", "registrant.phone", new String(chars)))
                .isInstanceOf(IllegalStateException.class);
        // Claiming another key id of the ring does not help either.
        FieldCipher two = ring("k1", Map.of("k1", K1, "k2", K2));
        assertThatThrownBy(() -> two.decrypt("demo", "registrant.phone", sealed.replace("v2:k1:", "v2:k2:")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ring("k1", Map.of("k1", K2)).decrypt("demo", "registrant.phone", sealed))
                .isInstanceOf(IllegalStateException.class);

        assertThatThrownBy(() -> ring("k1", Map.of("k1", Base64.getEncoder().encodeToString(new byte[16]))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("campuspass.pii.keys.k1");
        assertThatThrownBy(() -> ring("k3", Map.of("k1", K1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("active-key-id");
        assertThatThrownBy(() -> ring("k1", Map.of())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new FieldCipher("k1", Map.of("k1", K1), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("index-key");
        assertThatThrownBy(() -> new FieldCipher("k1", Map.of("k1", K1), K1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("differ");
    }

    @Test
    void readsTheFirstFormatWithWhicheverKeyOfTheRingSealedIt() throws Exception {
        byte[] oldKey = Base64.getDecoder().decode(K1);
        String legacy = legacyV1(oldKey, "13800138000");
        FieldCipher cipher = ring("k2", Map.of("k1", K1, "k2", K2));
        assertThat(cipher.decrypt("demo", "registrant.phone", legacy)).isEqualTo("13800138000");
        assertThat(cipher.needsReencryption(legacy)).isTrue();
        assertThat(cipher.reencrypt("demo", "registrant.phone", legacy)).startsWith("v2:k2:");
        assertThatThrownBy(() -> ring("k2", Map.of("k2", K2)).decrypt("demo", "registrant.phone", legacy))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void blindIndexUsesItsOwnKeyNotTheDataKeys() throws Exception {
        FieldCipher cipher = ring("k1", Map.of("k1", K1));
        assertThat(cipher.blindIndex("13800138000")).isEqualTo(cipher.blindIndex("13800138000"));
        assertThat(cipher.blindIndex("13800138000")).isNotEqualTo(cipher.blindIndex("13800138001"));
        assertThat(cipher.blindIndex("13800138000")).hasSize(64).doesNotContain("13800138000");
        // Rotating the data keys leaves indexes as they are; another index key changes them.
        assertThat(ring("k2", Map.of("k2", K2)).blindIndex("13800138000")).isEqualTo(cipher.blindIndex("13800138000"));
        assertThat(new FieldCipher("k1", Map.of("k1", K1), key(7)).blindIndex("13800138000"))
                .isNotEqualTo(cipher.blindIndex("13800138000"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(INDEX), "HmacSHA256"));
        assertThat(cipher.blindIndex("13800138000"))
                .isEqualTo(java.util.HexFormat.of()
                        .formatHex(mac.doFinal("13800138000".getBytes(StandardCharsets.UTF_8))));
    }

    /** A value as the single-key cipher of the first release wrote it. */
    static String legacyV1(byte[] key, String plain) throws Exception {
        byte[] iv = new byte[12];
        new java.security.SecureRandom().nextBytes(iv);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        return "v1:"
                + Base64.getEncoder()
                        .encodeToString(ByteBuffer.allocate(12 + sealed.length)
                                .put(iv)
                                .put(sealed)
                                .array());
    }
}
