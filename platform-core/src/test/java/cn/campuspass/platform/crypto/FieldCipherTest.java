package cn.campuspass.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class FieldCipherTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void roundTripsWithRandomIv() {
        FieldCipher cipher = new FieldCipher(KEY);
        String a = cipher.encrypt("110101199003077777");
        String b = cipher.encrypt("110101199003077777");
        assertThat(a).startsWith("v1:").isNotEqualTo(b).doesNotContain("1101011990");
        assertThat(cipher.decrypt(a)).isEqualTo("110101199003077777");
        assertThat(cipher.encrypt(null)).isNull();
    }

    @Test
    void detectsTamperingAndWrongKeys() {
        FieldCipher cipher = new FieldCipher(KEY);
        String sealed = cipher.encrypt("13800138000");
        char[] chars = sealed.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> cipher.decrypt(new String(chars))).isInstanceOf(IllegalStateException.class);
        byte[] other = new byte[32];
        other[0] = 1;
        FieldCipher otherKey = new FieldCipher(Base64.getEncoder().encodeToString(other));
        assertThatThrownBy(() -> otherKey.decrypt(sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new FieldCipher(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void blindIndexIsDeterministicKeyedAndNotThePlainValue() {
        FieldCipher cipher = new FieldCipher(KEY);
        assertThat(cipher.blindIndex("13800138000")).isEqualTo(cipher.blindIndex("13800138000"));
        assertThat(cipher.blindIndex("13800138000")).isNotEqualTo(cipher.blindIndex("13800138001"));
        assertThat(cipher.blindIndex("13800138000")).hasSize(64).doesNotContain("13800138000");
        byte[] other = new byte[32];
        other[5] = 7;
        assertThat(new FieldCipher(Base64.getEncoder().encodeToString(other)).blindIndex("13800138000"))
                .isNotEqualTo(cipher.blindIndex("13800138000"));
    }
}
