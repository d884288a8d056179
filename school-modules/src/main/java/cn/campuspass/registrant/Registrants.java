package cn.campuspass.registrant;

import cn.campuspass.organization.Department;
import cn.campuspass.organization.Departments;
import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.error.ApiError.FieldProblem;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolSettingsProvider;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.privacy.PersonalDataLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registrants of the current school (A4.2): the filtered list, the admin's create/edit/delete, enable/disable,
 * WeChat unbinding, visitor authorization and the audited view of a whole phone number. Other modules use
 * {@link #idsMatching} (bulk access rules) and {@link #counts} (home page).
 */
@Service
public class Registrants {

    /** The field the phone is sealed for (the school is the other half of the binding). */
    public static final String PHONE_FIELD = "registrant.phone";

    /** Lists never return more than this many rows per page. */
    public static final int MAX_PAGE_SIZE = 200;

    private static final String SUMMARY_COLUMNS = """
            r.id, r.name, r.identity, r.identity_type_id, r.number, r.phone_masked, r.id_tail_masked,
            r.department_id, d.name, r.managed_department_id, m.name,
            r.visitor_authorized, r.wechat_openid IS NOT NULL, r.enabled, r.created_at, r.updated_at,
            t.name
            """;
    private static final String SUMMARY_FROM = """
            FROM registrant r
            LEFT JOIN department d ON d.id = r.department_id
            LEFT JOIN department m ON m.id = r.managed_department_id
            LEFT JOIN identity_type t ON t.id = r.identity_type_id
            """;

    private final RegistrantRepository registrants;
    private final SchoolJdbc jdbc;
    private final FieldCipher cipher;
    private final Departments departments;
    private final SchoolSettingsProvider settings;
    private final PersonalDataLog personalData;
    private final ApplicationEventPublisher events;
    private final IdentityTypes identityTypes;

    Registrants(
            RegistrantRepository registrants,
            SchoolJdbc jdbc,
            FieldCipher cipher,
            Departments departments,
            SchoolSettingsProvider settings,
            PersonalDataLog personalData,
            ApplicationEventPublisher events,
            IdentityTypes identityTypes) {
        this.registrants = registrants;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.departments = departments;
        this.settings = settings;
        this.personalData = personalData;
        this.events = events;
        this.identityTypes = identityTypes;
    }

    /**
     * Search conditions of the registrant list and of bulk access rules; every condition is optional.
     *
     * @param departmentId matches the registrant's department or the department that manages them
     * @param text a substring of the name or 学号/工号, or a whole phone number
     * @param registered whether the registrant has bound WeChat
     */
    public record Filter(Identity identity, Long departmentId, String text, Boolean enabled, Boolean registered) {

        public static Filter all() {
            return new Filter(null, null, null, null, null);
        }
    }

    /** One registrant as lists and details show it: names of departments resolved, the phone masked. */
    public record Summary(
            long id,
            String name,
            Identity identity,
            Long identityTypeId,
            String number,
            String phoneMasked,
            String idTailMasked,
            Long departmentId,
            String departmentName,
            Long managedDepartmentId,
            String managedDepartmentName,
            boolean visitorAuthorized,
            boolean registered,
            boolean enabled,
            Instant createdAt,
            Instant updatedAt,
            String identityTypeName) {}

    public record Found(List<Summary> items, long total) {}

    /** For the home page. {@code registered}: bound to WeChat. */
    public record Counts(long total, long registered) {}

    /** Newest first. */
    @Transactional(readOnly = true)
    public Found search(Filter filter, DataScope scope, int page, int size) {
        RegistrantFilterSql where = RegistrantFilterSql.of(filter, scope, cipher::blindIndex);
        int limit = Math.min(Math.max(1, size), MAX_PAGE_SIZE);
        long offset = (long) Math.max(0, page) * limit;
        return jdbc.run(c -> {
            long total;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT count(*) FROM registrant r WHERE " + where.where())) {
                where.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Summary> items = new ArrayList<>();
            if (offset < total) {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + SUMMARY_FROM + "WHERE "
                        + where.where() + " ORDER BY r.id DESC LIMIT ? OFFSET ?")) {
                    int next = where.bind(ps, 1);
                    ps.setInt(next, limit);
                    ps.setLong(next + 1, offset);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            items.add(summary(rs));
                        }
                    }
                }
            }
            return new Found(items, total);
        });
    }

    /** Every registrant the filter matches, by id (one query; fine for the 100k people of a large school). */
    @Transactional(readOnly = true)
    public long[] idsMatching(Filter filter, DataScope scope) {
        RegistrantFilterSql where = RegistrantFilterSql.of(filter, scope, cipher::blindIndex);
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT coalesce(array_agg(r.id ORDER BY r.id), '{}') FROM registrant r WHERE " + where.where())) {
                where.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Long[] ids = (Long[]) rs.getArray(1).getArray();
                    long[] result = new long[ids.length];
                    for (int i = 0; i < ids.length; i++) {
                        result[i] = ids[i];
                    }
                    return result;
                }
            }
        });
    }

    /** Registrants (备案人) within the scope by identity, every identity present (zero when none). */
    @Transactional(readOnly = true)
    public Map<Identity, Long> countsByIdentity(DataScope scope) {
        RegistrantFilterSql where = RegistrantFilterSql.of(Filter.all(), scope, cipher::blindIndex);
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT r.identity, count(*) FROM registrant r WHERE " + where.where() + " GROUP BY r.identity")) {
                where.bind(ps, 1);
                Map<Identity, Long> counts = new java.util.EnumMap<>(Identity.class);
                for (Identity identity : Identity.values()) {
                    counts.put(identity, 0L);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(Identity.valueOf(rs.getString(1)), rs.getLong(2));
                    }
                }
                return counts;
            }
        });
    }

    @Transactional(readOnly = true)
    public Counts counts(DataScope scope) {
        RegistrantFilterSql where = RegistrantFilterSql.of(Filter.all(), scope, cipher::blindIndex);
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*), count(wechat_openid) FROM registrant r WHERE " + where.where())) {
                where.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Counts(rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    /**
     * Refuses, as not found, a registrant outside the caller's scope: the same answer as for an id that does not
     * exist, so ids outside the scope reveal nothing.
     */
    @Transactional(readOnly = true)
    public void requireInScope(long id, DataScope scope) {
        if (scope instanceof DataScope.WholeSchool) {
            return;
        }
        RegistrantFilterSql where = RegistrantFilterSql.of(Filter.all(), scope, cipher::blindIndex);
        boolean visible = jdbc.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT 1 FROM registrant r WHERE r.id = ? AND " + where.where())) {
                ps.setLong(1, id);
                where.bind(ps, 2);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!visible) {
            throw new ApiException(RegistrantError.REGISTRANT_NOT_FOUND);
        }
    }

    @Transactional(readOnly = true)
    public Summary get(long id) {
        return find(id).orElseThrow(() -> new ApiException(RegistrantError.REGISTRANT_NOT_FOUND));
    }

    @Transactional
    public Summary create(RegistrantDraft draft) {
        RegistrantRules.Checked checked = rules().check(draft, null);
        requireUnique(checked, null);
        Registrant registrant = new Registrant(
                checked.name(),
                checked.identity(),
                checked.identityTypeId(),
                checked.number(),
                cipher.encrypt(school(), PHONE_FIELD, checked.phone().value()),
                cipher.blindIndex(checked.phone().value()),
                checked.phone().masked(),
                IdTails.seal(cipher, school(), checked.idTail()),
                checked.departmentId(),
                checked.managedDepartmentId());
        save(registrant, checked);
        return get(registrant.getId());
    }

    @Transactional
    public Summary update(long id, RegistrantDraft draft) {
        Registrant registrant = load(id);
        RegistrantRules.Checked checked = rules().check(draft, registrant);
        requireUnique(checked, id);
        registrant.update(
                checked.name(),
                checked.identity(),
                checked.identityTypeId(),
                checked.number(),
                checked.departmentId(),
                checked.managedDepartmentId());
        if (!checked.keepIdTail()) {
            registrant.changeIdTail(IdTails.seal(cipher, school(), checked.idTail()));
        }
        if (checked.phone() != null) {
            registrant.changePhone(
                    cipher.encrypt(school(), PHONE_FIELD, checked.phone().value()),
                    cipher.blindIndex(checked.phone().value()),
                    checked.phone().masked());
        }
        save(registrant, checked);
        return get(id);
    }

    /**
     * The registrant's own new phone (R4.1, proven by an SMS code to it before this is called); unique per school
     * like every registrant phone ({@code REGISTRANT_PHONE_TAKEN}).
     */
    @Transactional
    public Summary changePhone(long id, PhoneNumber phone) {
        Registrant registrant = load(id);
        String index = cipher.blindIndex(phone.value());
        if (registrants.existsByPhoneIndexAndIdNot(index, id)) {
            throw taken(false, true, registrant.getNumber());
        }
        registrant.changePhone(cipher.encrypt(school(), PHONE_FIELD, phone.value()), index, phone.masked());
        save(registrant, registrant.getNumber());
        return get(id);
    }

    /**
     * The registrant's own phone for their own use (the portal compares a new number with it); not a staff view,
     * so it is not recorded in the personal-data log. Null when none is stored.
     */
    @Transactional(readOnly = true)
    public String ownPhone(long id) {
        Registrant registrant = load(id);
        return registrant.getPhoneEncrypted() == null
                ? null
                : cipher.decrypt(school(), PHONE_FIELD, registrant.getPhoneEncrypted());
    }

    /**
     * The openid the registrant's WeChat is bound to now, for messages to them; empty when unbound, disabled or gone
     * (a disabled registrant receives nothing).
     */
    @Transactional(readOnly = true)
    public java.util.Optional<String> wechatOpenidOf(long id) {
        return registrants.findById(id).filter(Registrant::isEnabled).map(Registrant::getWechatOpenid);
    }

    /** Deletes the registrant with their access rules; access records keep their own copy of the person. */
    @Transactional
    public void delete(long id) {
        Registrant registrant = load(id);
        String openid = registrant.getWechatOpenid();
        registrants.delete(registrant);
        registrants.flush();
        if (openid != null) {
            unbound(id, openid);
        }
    }

    @Transactional
    public Summary enable(long id) {
        load(id).enable();
        return reread(id);
    }

    /** Disabling also unbinds WeChat, so the portal signs the person out at once. */
    @Transactional
    public Summary disable(long id) {
        load(id).disable().ifPresent(openid -> unbound(id, openid));
        return reread(id);
    }

    @Transactional
    public Summary unbindWeChat(long id) {
        load(id).unbindWeChat().ifPresent(openid -> unbound(id, openid));
        return reread(id);
    }

    @Transactional
    public Summary authorizeVisitors(long id) {
        load(id).authorizeVisitors();
        return reread(id);
    }

    /** A4.2 e: every teacher may receive visitors from now on; returns how many were newly authorized. */
    @Transactional
    public int authorizeAllTeachersForVisitors() {
        return jdbc.run(c -> {
            try (var ps = c.prepareStatement("UPDATE registrant SET visitor_authorized = true, updated_at = now()"
                    + " WHERE identity = 'TEACHER' AND NOT visitor_authorized")) {
                return ps.executeUpdate();
            }
        });
    }

    @Transactional
    public Summary revokeVisitorAuthorization(long id) {
        load(id).revokeVisitorAuthorization();
        return reread(id);
    }

    /** The whole phone number; the view is recorded (who saw whose phone) in the same transaction. */
    @Transactional
    public String phoneOf(long id) {
        Registrant registrant = load(id);
        personalData.record(PersonalDataLog.Action.VIEW, "REGISTRANT", id, "phone");
        return cipher.decrypt(school(), PHONE_FIELD, registrant.getPhoneEncrypted());
    }

    /**
     * The whole 身份证后六位 (null when none is stored); the view is recorded in the same transaction, as it is half
     * of the portal login.
     */
    @Transactional
    public String idTailOf(long id) {
        Registrant registrant = load(id);
        personalData.record(PersonalDataLog.Action.VIEW, "REGISTRANT", id, "id_tail");
        return cipher.decrypt(school(), IdTails.FIELD, registrant.getIdTailEncrypted());
    }

    private static String school() {
        return SchoolContext.require().value();
    }

    /** Reads a registrant back after a change: pending entity changes are flushed first, as JDBC reads bypass them. */
    private Summary reread(long id) {
        registrants.flush();
        return get(id);
    }

    private Registrant load(long id) {
        return registrants.findById(id).orElseThrow(() -> new ApiException(RegistrantError.REGISTRANT_NOT_FOUND));
    }

    private Optional<Summary> find(long id) {
        return jdbc.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + SUMMARY_COLUMNS + SUMMARY_FROM + "WHERE r.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(summary(rs)) : Optional.empty();
                }
            }
        });
    }

    private RegistrantRules rules() {
        SchoolCode school = SchoolContext.require();
        return new RegistrantRules(new RegistrantRules.School() {
            @Override
            public boolean identityOpen(Identity identity) {
                return settings.settingsOf(school).isOpen(identity);
            }

            // Departments are a small table; listing avoids a look-up that would fail (and doom) the transaction.
            private final Map<Long, Boolean> enabled =
                    departments.list(null).stream().collect(Collectors.toMap(Department::getId, Department::isEnabled));

            @Override
            public Optional<Boolean> departmentEnabled(long id) {
                return Optional.ofNullable(enabled.get(id));
            }

            @Override
            public Optional<RegistrantRules.TypeInfo> identityType(long id) {
                return identityTypes.find(id).map(t -> new RegistrantRules.TypeInfo(t.getIdentity(), t.isEnabled()));
            }
        });
    }

    /** 学号/工号 and phone are unique in the school (the phone through its blind index). */
    private void requireUnique(RegistrantRules.Checked checked, Long id) {
        long self = id == null ? -1 : id;
        boolean numberTaken = registrants.existsByNumberAndIdNot(checked.number(), self);
        boolean phoneTaken = checked.phone() != null
                && registrants.existsByPhoneIndexAndIdNot(
                        cipher.blindIndex(checked.phone().value()), self);
        if (numberTaken || phoneTaken) {
            throw taken(numberTaken, phoneTaken, checked.number());
        }
    }

    /** Saves and flushes, so a concurrent writer that took the 学号 or phone meanwhile gets the same answer. */
    private void save(Registrant registrant, RegistrantRules.Checked checked) {
        save(registrant, checked.number());
    }

    private void save(Registrant registrant, String number) {
        try {
            registrants.saveAndFlush(registrant);
        } catch (DataIntegrityViolationException e) {
            String message = String.valueOf(e.getMostSpecificCause().getMessage());
            boolean numberTaken = message.contains("registrant_number_uq");
            boolean phoneTaken = message.contains("registrant_phone_uq");
            if (!numberTaken && !phoneTaken) {
                throw e;
            }
            throw taken(numberTaken, phoneTaken, number);
        }
    }

    private static ApiException taken(boolean number, boolean phone, String numberValue) {
        List<FieldProblem> fields = new ArrayList<>();
        if (number) {
            fields.add(new FieldProblem("number", "学号/工号「" + numberValue + "」已存在"));
        }
        if (phone) {
            fields.add(new FieldProblem("phone", "手机号已被本校其他备案人绑定"));
        }
        return number
                ? ApiException.withFields(RegistrantError.REGISTRANT_NUMBER_TAKEN, fields, numberValue)
                : ApiException.withFields(RegistrantError.REGISTRANT_PHONE_TAKEN, fields);
    }

    private void unbound(long id, String openid) {
        events.publishEvent(new RegistrantWeChatUnbound(SchoolContext.require(), id, openid));
    }

    private static Summary summary(ResultSet rs) throws SQLException {
        return new Summary(
                rs.getLong(1),
                rs.getString(2),
                Identity.valueOf(rs.getString(3)),
                nullableLong(rs, 4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                nullableLong(rs, 8),
                rs.getString(9),
                nullableLong(rs, 10),
                rs.getString(11),
                rs.getBoolean(12),
                rs.getBoolean(13),
                rs.getBoolean(14),
                instant(rs.getTimestamp(15)),
                instant(rs.getTimestamp(16)),
                rs.getString(17));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
