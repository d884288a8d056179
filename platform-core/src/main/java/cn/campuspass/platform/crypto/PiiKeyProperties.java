package cn.campuspass.platform.crypto;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key ring of personal-data encryption. {@code keys} maps a key id to a base64 AES-256 key; new values are sealed
 * with {@code activeKeyId}, values sealed with any other key of the ring still read, so a key is rotated by adding
 * the new key, making it active, re-encrypting, and only then removing the old one. {@code indexKey} is the separate
 * HMAC key of the blind (lookup) indexes: it never encrypts, so rotating the data keys leaves every index valid.
 * Key ids are lower-case (environment variables bind map keys in lower case: {@code CAMPUSPASS_PII_KEYS_K2}).
 */
@ConfigurationProperties("campuspass.pii")
public record PiiKeyProperties(String activeKeyId, Map<String, String> keys, String indexKey) {}
