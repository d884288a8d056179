package cn.campuspass.access;

import cn.campuspass.organization.OrganizationError;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gate devices (turnstiles, pass readers) and their credentials. A device authenticates each call with its key id and
 * secret; the secret is 32 random bytes shown once at creation and stored as SHA-256 (a slow password hash buys
 * nothing for a random secret and would cap verification throughput). Successful authentications are cached per
 * node for {@link #CACHE_TTL}. Disabling or deleting a device stops it on every node at once: after the commit a
 * revocation marker is set in Redis ({@code gate-device-revoked:<school>:<keyId>}, kept longer than any cache entry
 * made before it), and a cached device is used only while no marker names it; otherwise it is read again from the
 * database. Enabling removes the marker.
 */
@Service
public class GateDevices {

    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    /** Outlives every cache entry made before the revocation, so no node can still trust one. */
    private static final Duration REVOCATION_MARKER_TTL = CACHE_TTL.multipliedBy(4);

    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    public record Device(
            long id,
            String name,
            long gateId,
            String gateName,
            String campusName,
            String keyId,
            boolean enabled,
            String createdBy,
            Instant createdAt,
            Instant lastUsedAt) {}

    /** A new device with its secret, which is never shown again. */
    public record Created(Device device, String secret) {}

    /** An authenticated device: its gate is where its verifications happen. */
    public record Authenticated(long id, long gateId, String keyId) {}

    private record Cached(Authenticated device, String secretHash, Instant until) {}

    private final SchoolJdbc jdbc;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastUsedWritten = new ConcurrentHashMap<>();

    private final TransactionTemplate transactions;

    private final StringRedisTemplate redis;

    GateDevices(SchoolJdbc jdbc, PlatformTransactionManager transactionManager, StringRedisTemplate redis) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.redis = redis;
    }

    @Transactional(readOnly = true)
    public List<Device> list() {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY d.id DESC")) {
                List<Device> devices = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        devices.add(device(rs));
                    }
                }
                return devices;
            }
        });
    }

    @Transactional
    public Created create(String name, long gateId, String createdBy) {
        String keyId = "gd_" + HexFormat.of().formatHex(bytes(10));
        String secret = BASE64URL.encodeToString(bytes(32));
        long id = jdbc.run(c -> {
            try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM gate WHERE id = ?")) {
                check.setLong(1, gateId);
                try (ResultSet rs = check.executeQuery()) {
                    if (!rs.next()) {
                        throw new ApiException(OrganizationError.GATE_NOT_FOUND);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO gate_device (name, gate_id, key_id, secret_hash, created_by) VALUES (?, ?, ?, ?, ?)"
                            + " RETURNING id")) {
                ps.setString(1, name.strip());
                ps.setLong(2, gateId);
                ps.setString(3, keyId);
                ps.setString(4, sha256(secret));
                ps.setString(5, createdBy);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new Created(get(id), secret);
    }

    @Transactional(readOnly = true)
    public Device get(long id) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE d.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ApiException(AccessError.GATE_DEVICE_NOT_FOUND);
                    }
                    return device(rs);
                }
            }
        });
    }

    @Transactional
    public Device setEnabled(long id, boolean enabled) {
        Device device = get(id);
        update("UPDATE gate_device SET enabled = ? WHERE id = ?", enabled, id);
        if (enabled) {
            String marker = revokedKey(device.keyId());
            afterCommit(() -> redis.delete(marker));
        } else {
            revoke(device.keyId());
        }
        evict(device.keyId());
        return get(id);
    }

    @Transactional
    public void delete(long id) {
        Device device = get(id);
        update("DELETE FROM gate_device WHERE id = ?", id);
        revoke(device.keyId());
        evict(device.keyId());
    }

    /**
     * The enabled device with this key id and secret, if any. Not transactional on purpose: a cached device costs no
     * database work at all; a cache miss and the once-a-minute {@code last_used_at} touch run their own short
     * transactions.
     */
    /**
     * The device of an {@code Authorization: Basic keyId:secret} header, or 401 {@code DEVICE_UNAUTHENTICATED} for a
     * missing, malformed or wrong credential (one answer for all, so a probe learns nothing).
     */
    public Authenticated authenticateBasic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new ApiException(AccessError.DEVICE_UNAUTHENTICATED);
        }
        String decoded;
        try {
            decoded = new String(
                    java.util.Base64.getDecoder()
                            .decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(AccessError.DEVICE_UNAUTHENTICATED);
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new ApiException(AccessError.DEVICE_UNAUTHENTICATED);
        }
        return authenticate(decoded.substring(0, colon), decoded.substring(colon + 1))
                .orElseThrow(() -> new ApiException(AccessError.DEVICE_UNAUTHENTICATED));
    }

    public Optional<Authenticated> authenticate(String keyId, String secret) {
        if (keyId == null || secret == null || keyId.length() > 40 || secret.length() > 100) {
            return Optional.empty();
        }
        String school = SchoolContext.require().value();
        String cacheKey = school + ":" + keyId;
        String presented = sha256(secret);
        Instant now = Instant.now();
        Cached cached = cache.get(cacheKey);
        if (cached != null && Boolean.TRUE.equals(redis.hasKey(revokedKey(keyId)))) {
            cached = null; // revoked on some node since this one cached it: the database decides
        }
        if (cached == null || cached.until().isBefore(now)) {
            cached = load(keyId)
                    .map(d -> new Cached(d.device(), d.secretHash(), now.plus(CACHE_TTL)))
                    .orElse(null);
            if (cached == null) {
                cache.remove(cacheKey);
                return Optional.empty();
            }
            cache.put(cacheKey, cached);
        }
        if (!MessageDigest.isEqual(
                cached.secretHash().getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        Instant written = lastUsedWritten.get(cacheKey);
        if (written == null || written.plus(LAST_USED_RESOLUTION).isBefore(now)) {
            lastUsedWritten.put(cacheKey, now);
            update(
                    "UPDATE gate_device SET last_used_at = now() WHERE id = ?",
                    cached.device().id());
        }
        return Optional.of(cached.device());
    }

    private Optional<Cached> load(String keyId) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, gate_id, secret_hash FROM gate_device WHERE key_id = ? AND enabled")) {
                ps.setString(1, keyId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Cached(
                                    new Authenticated(rs.getLong(1), rs.getLong(2), keyId), rs.getString(3), null))
                            : Optional.empty();
                }
            }
        });
    }

    /**
     * Marks the credential revoked for every node once the change is committed (before the commit, another node
     * reading the database would still find the device enabled and cache it).
     */
    private void revoke(String keyId) {
        String key = revokedKey(keyId);
        String school = SchoolContext.require().value();
        afterCommit(() -> {
            redis.opsForValue().set(key, "1", REVOCATION_MARKER_TTL);
            cache.remove(school + ":" + keyId);
        });
    }

    private static void afterCommit(Runnable work) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    work.run();
                }
            });
        } else {
            work.run();
        }
    }

    private static String revokedKey(String keyId) {
        return "gate-device-revoked:" + SchoolContext.require().value() + ":" + keyId;
    }

    private void evict(String keyId) {
        String school = SchoolContext.require().value();
        cache.remove(school + ":" + keyId);
    }

    private void update(String sql, Object... values) {
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    ps.setObject(i + 1, values[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    private static final String SELECT = """
            SELECT d.id, d.name, d.gate_id, g.name, c.name, d.key_id, d.enabled, d.created_by, d.created_at,
                   d.last_used_at
            FROM gate_device d JOIN gate g ON g.id = d.gate_id JOIN campus c ON c.id = g.campus_id
            """;

    private static Device device(ResultSet rs) throws SQLException {
        java.sql.Timestamp lastUsed = rs.getTimestamp(10);
        return new Device(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getBoolean(7),
                rs.getString(8),
                rs.getTimestamp(9).toInstant(),
                lastUsed == null ? null : lastUsed.toInstant());
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
