package cn.campuspass.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Encrypts personal and secret fields at rest (PIPL): AES-256-GCM with a random IV per value, stored as
 * {@code v2:<key id>:<base64(iv || ciphertext)>}. The key id names the key of the ring ({@link PiiKeyProperties})
 * that sealed the value, so keys rotate without downtime: new values use the active key, reads use whichever key
 * the value names.
 *
 * <p>Each value is bound to its place: the school code and the field name are the GCM associated data, so a
 * ciphertext copied into another school's row or another column fails to decrypt instead of revealing or
 * impersonating. Values of the first format ({@code v1:<base64>}, one key, no binding) still read — with any key of
 * the ring, the GCM tag telling which — until re-encryption ({@link #reencrypt}) has rewritten them.
 *
 * <p>Blind indexes use their own HMAC key, never a data key: rotating data keys leaves every index valid, and a
 * leaked index key reveals no ciphertext.
 */
@Component
@EnableConfigurationProperties(PiiKeyProperties.class)
public class FieldCipher {

    private static final String V1 = "v1:";
    private static final String V2 = "v2:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,15}");
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_.]{0,62}");

    private final String activeKeyId;
    private final Map<String, SecretKeySpec> ring;
    private final SecretKeySpec indexKey;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    public FieldCipher(PiiKeyProperties properties) {
        this(properties.activeKeyId(), properties.keys(), properties.indexKey());
    }

    public FieldCipher(String activeKeyId, Map<String, String> base64Keys, String base64IndexKey) {
        if (base64Keys == null || base64Keys.isEmpty()) {
            throw new IllegalStateException(
                    "campuspass.pii.keys.<id> must hold at least one base64 32-byte key (openssl rand -base64 32)");
        }
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        base64Keys.forEach((id, value) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalStateException(
                        "campuspass.pii.keys: key id '" + id + "' must be 1-16 lower-case letters, digits, '-' or '_'");
            }
            keys.put(id, new SecretKeySpec(key32(value, "campuspass.pii.keys." + id), "AES"));
        });
        if (activeKeyId == null || activeKeyId.isBlank()) {
            throw new IllegalStateException("campuspass.pii.active-key-id must name one of campuspass.pii.keys");
        }
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalStateException("campuspass.pii.active-key-id '" + activeKeyId
                    + "' is not in campuspass.pii.keys " + keys.keySet());
        }
        byte[] index = key32(base64IndexKey, "campuspass.pii.index-key");
        for (SecretKeySpec dataKey : keys.values()) {
            if (java.security.MessageDigest.isEqual(dataKey.getEncoded(), index)) {
                throw new IllegalStateException("campuspass.pii.index-key must differ from every data key");
            }
        }
        this.activeKeyId = activeKeyId;
        this.ring = Map.copyOf(keys);
        this.indexKey = new SecretKeySpec(index, "HmacSHA256");
    }

    private static byte[] key32(String base64, String setting) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(setting + " is required (base64 of 32 bytes: openssl rand -base64 32)");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(setting + " must be 32 bytes, base64-encoded");
        }
        return raw;
    }

    /** The id of the key new values are sealed with. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /**
     * A keyed, deterministic digest for finding and de-duplicating an encrypted value (a "blind index"):
     * HMAC-SHA256 under the index key, hex-encoded. Equal inputs give equal outputs; the value cannot be recovered
     * from it without the key.
     */
    public String blindIndex(String plain) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            return HexFormat.of().formatHex(mac.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Blind index failed", e);
        }
    }

    /**
     * Seals {@code plain} for {@code field} of {@code school} with the active key.
     *
     * @param school the school code the value belongs to (registry fields use the school they describe)
     * @param field the table and column, e.g. {@code registrant.phone}
     */
    public String encrypt(String school, String field, String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, ring.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(binding(school, field));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return V2 + activeKeyId + ":"
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                                    .put(iv)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /**
     * Opens a value sealed for {@code field} of {@code school}.
     *
     * @throws IllegalStateException when the value names a key not in the ring, was sealed for another school or
     *     field, or was altered
     */
    public String decrypt(String school, String field, String stored) {
        if (stored == null) {
            return null;
        }
        if (stored.startsWith(V2)) {
            int colon = stored.indexOf(':', V2.length());
            if (colon < 0) {
                throw new IllegalArgumentException("Not an encrypted field");
            }
            String keyId = stored.substring(V2.length(), colon);
            SecretKeySpec key = ring.get(keyId);
            if (key == null) {
                throw new IllegalStateException("Decryption failed: key '" + keyId + "' is not in the key ring");
            }
            try {
                return open(key, binding(school, field), Base64.getDecoder().decode(stored.substring(colon + 1)));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalStateException("Decryption failed (wrong school or field, or a tampered value)", e);
            }
        }
        if (stored.startsWith(V1)) {
            return openLegacy(stored);
        }
        throw new IllegalArgumentException("Not an encrypted field");
    }

    /** Whether {@code stored} should be rewritten: it is of the first format or sealed with a key no longer active. */
    public boolean needsReencryption(String stored) {
        return stored != null && !stored.startsWith(V2 + activeKeyId + ":");
    }

    /** {@code stored} sealed again with the active key and this binding (unchanged when already current). */
    public String reencrypt(String school, String field, String stored) {
        return needsReencryption(stored) ? encrypt(school, field, decrypt(school, field, stored)) : stored;
    }

    private String openLegacy(String stored) {
        byte[] all;
        try {
            all = Base64.getDecoder().decode(stored.substring(V1.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Decryption failed (tampered value)", e);
        }
        // The first format names no key: the GCM tag refuses every key but the one that sealed it.
        for (SecretKeySpec key : ring.values()) {
            try {
                return open(key, null, all);
            } catch (GeneralSecurityException e) {
                // not this key
            }
        }
        throw new IllegalStateException("Decryption failed (no key of the ring opens this value, or it was tampered)");
    }

    private static String open(SecretKeySpec key, byte[] aad, byte[] all) throws GeneralSecurityException {
        if (all.length < IV_BYTES + TAG_BITS / 8) {
            throw new javax.crypto.AEADBadTagException("Too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
        if (aad != null) {
            cipher.updateAAD(aad);
        }
        return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
    }

    private static byte[] binding(String school, String field) {
        if (school == null
                || school.isBlank()
                || field == null
                || !FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException("A sealed field needs its school and field name");
        }
        return ("campuspass/v2\0" + school + "\0" + field).getBytes(StandardCharsets.UTF_8);
    }
}
