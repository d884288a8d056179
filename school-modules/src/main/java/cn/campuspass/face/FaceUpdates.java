package cn.campuspass.face;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.platform.time.SchoolTime;
import cn.campuspass.privacy.PersonalDataLog;
import cn.campuspass.storage.ObjectStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Face update records (人脸更新记录, A4.5): who changed a face, the new and the old face side by side, when and from
 * where. The person's columns (name, number, phone masked, identity, type, departments) are read live from the
 * registrant, like the registrant list. Pages keep to the staff member's data scope, and every page shown is a view
 * of faces, so it is written to the personal-data access log.
 */
@Service
public class FaceUpdates {

    public static final int MAX_PAGE_SIZE = 100;

    /** Thumbnails in a list page expire quickly: the page is for looking, the export is for keeping. */
    static final Duration THUMBNAIL_TTL = Duration.ofMinutes(5);

    private final SchoolJdbc jdbc;
    private final ObjectStore store;
    private final PersonalDataLog log;

    FaceUpdates(SchoolJdbc jdbc, ObjectStore store, PersonalDataLog log) {
        this.jdbc = jdbc;
        this.store = store;
        this.log = log;
    }

    /**
     * Console filters, each optional. {@code keyword} matches the name or number; {@code from}/{@code to} are
     * school-local days of the update, inclusive.
     */
    public record Filter(
            String keyword,
            Identity identity,
            Long identityTypeId,
            Long departmentId,
            Faces.Source source,
            LocalDate from,
            LocalDate to) {

        public static Filter all() {
            return new Filter(null, null, null, null, null, null, null);
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            if (keyword != null && !keyword.isBlank()) {
                parts.add("keyword=" + keyword.strip());
            }
            if (identity != null) {
                parts.add("identity=" + identity);
            }
            if (identityTypeId != null) {
                parts.add("identityTypeId=" + identityTypeId);
            }
            if (departmentId != null) {
                parts.add("departmentId=" + departmentId);
            }
            if (source != null) {
                parts.add("source=" + source);
            }
            if (from != null) {
                parts.add("from=" + from);
            }
            if (to != null) {
                parts.add("to=" + to);
            }
            return parts.isEmpty() ? "all" : String.join(", ", parts);
        }
    }

    /** One record as stored (object keys, not URLs). */
    record Row(
            long id,
            long registrantId,
            String name,
            String number,
            String phoneMasked,
            Identity identity,
            Long identityTypeId,
            String identityTypeName,
            Long departmentId,
            String departmentName,
            Long managedDepartmentId,
            String managedDepartmentName,
            String oldKey,
            String newKey,
            Faces.Source source,
            String operator,
            Instant updatedAt) {}

    /** One record as the console shows it: the faces as presigned URLs. */
    public record Item(
            long id,
            long registrantId,
            String name,
            String number,
            String phoneMasked,
            Identity identity,
            Long identityTypeId,
            String identityTypeName,
            Long departmentId,
            String departmentName,
            Long managedDepartmentId,
            String managedDepartmentName,
            String oldFaceUrl,
            String newFaceUrl,
            Faces.Source source,
            String operator,
            Instant updatedAt) {}

    public record Page(List<Item> items, long total) {}

    /** Newest first, within {@code scope}; the page's faces are logged as viewed. */
    @Transactional
    public Page search(Filter filter, DataScope scope, int page, int size) {
        Where where = where(filter, scope);
        if (where == null) {
            return new Page(List.of(), 0);
        }
        int limit = Math.min(Math.max(1, size), MAX_PAGE_SIZE);
        long offset = (long) Math.max(0, page) * limit;
        SchoolCode school = SchoolContext.require();
        Page found = jdbc.run(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) " + FROM + where.sql())) {
                where.bind(c, ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Item> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    COLUMNS + FROM + where.sql() + " ORDER BY u.updated_at DESC, u.id DESC LIMIT ? OFFSET ?")) {
                int i = where.bind(c, ps, 1);
                ps.setInt(i++, limit);
                ps.setLong(i, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(item(school, row(rs)));
                    }
                }
            }
            return new Page(items, total);
        });
        if (!found.items().isEmpty()) {
            log.record(
                    PersonalDataLog.Action.VIEW,
                    "FACE",
                    null,
                    "face update records page " + page + " (" + found.items().size() + " records, filter: "
                            + filter.describe() + ")");
        }
        return found;
    }

    /**
     * Up to {@code limit} rows after {@code afterId} (newest first by id), for the export: keyset paging, so a
     * batch is one short indexed read however many faces the school has.
     */
    @Transactional(readOnly = true)
    public List<Row> batch(Filter filter, DataScope scope, long afterId, int limit) {
        Where where = where(filter, scope);
        if (where == null) {
            return List.of();
        }
        where.add("u.id < ?", afterId);
        return jdbc.run(c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement(COLUMNS + FROM + where.sql() + " ORDER BY u.id DESC LIMIT ?")) {
                int i = where.bind(c, ps, 1);
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
            }
            return rows;
        });
    }

    @Transactional(readOnly = true)
    public long count(Filter filter, DataScope scope) {
        Where where = where(filter, scope);
        if (where == null) {
            return 0;
        }
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) " + FROM + where.sql())) {
                where.bind(c, ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Whether the registrant exists and is within {@code scope} (the same rule as the list). */
    @Transactional(readOnly = true)
    public boolean visible(long registrantId, DataScope scope) {
        Where where = new Where();
        if (scope instanceof DataScope.Departments d) {
            if (d.departmentIds().isEmpty()) {
                return false;
            }
            Long[] ids = d.departmentIds().toArray(Long[]::new);
            where.add("(r.department_id = ANY (?) OR r.managed_department_id = ANY (?))", ids, ids);
        } else if (!(scope instanceof DataScope.WholeSchool)) {
            return false;
        }
        where.add("r.id = ?", registrantId);
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM registrant r" + where.sql())) {
                where.bind(c, ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private Item item(SchoolCode school, Row r) {
        return new Item(
                r.id(),
                r.registrantId(),
                r.name(),
                r.number(),
                r.phoneMasked(),
                r.identity(),
                r.identityTypeId(),
                r.identityTypeName(),
                r.departmentId(),
                r.departmentName(),
                r.managedDepartmentId(),
                r.managedDepartmentName(),
                r.oldKey() == null ? null : store.presignedGet(school, r.oldKey(), THUMBNAIL_TTL),
                store.presignedGet(school, r.newKey(), THUMBNAIL_TTL),
                r.source(),
                r.operator(),
                r.updatedAt());
    }

    private static final String COLUMNS = """
            SELECT u.id, u.registrant_id, r.name, r.number, r.phone_masked, r.identity, r.identity_type_id, it.name,
                   r.department_id, d.name, r.managed_department_id, md.name, u.old_key, u.new_key, u.source,
                   u.operator, u.updated_at
            """;

    private static final String FROM = """
            FROM face_update u
            JOIN registrant r ON r.id = u.registrant_id
            LEFT JOIN identity_type it ON it.id = r.identity_type_id
            LEFT JOIN department d ON d.id = r.department_id
            LEFT JOIN department md ON md.id = r.managed_department_id
            """;

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                Identity.valueOf(rs.getString(6)),
                (Long) rs.getObject(7),
                rs.getString(8),
                (Long) rs.getObject(9),
                rs.getString(10),
                (Long) rs.getObject(11),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14),
                Faces.Source.valueOf(rs.getString(15)),
                rs.getString(16),
                rs.getTimestamp(17).toInstant());
    }

    /** The filter and the scope as a WHERE clause; null when the scope admits nothing. */
    private static Where where(Filter filter, DataScope scope) {
        Where where = new Where();
        if (scope instanceof DataScope.Departments d) {
            if (d.departmentIds().isEmpty()) {
                return null;
            }
            Long[] ids = d.departmentIds().toArray(Long[]::new);
            where.add("(r.department_id = ANY (?) OR r.managed_department_id = ANY (?))", ids, ids);
        } else if (!(scope instanceof DataScope.WholeSchool)) {
            return null; // registrants are nobody's own records
        }
        if (filter.keyword() != null && !filter.keyword().isBlank()) {
            String like = "%"
                    + filter.keyword()
                            .strip()
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_") + "%";
            where.add("(r.name LIKE ? OR r.number LIKE ?)", like, like);
        }
        if (filter.identity() != null) {
            where.add("r.identity = ?", filter.identity().name());
        }
        if (filter.identityTypeId() != null) {
            where.add("r.identity_type_id = ?", filter.identityTypeId());
        }
        if (filter.departmentId() != null) {
            where.add(
                    "(r.department_id = ? OR r.managed_department_id = ?)",
                    filter.departmentId(),
                    filter.departmentId());
        }
        if (filter.source() != null) {
            where.add("u.source = ?", filter.source().name());
        }
        if (filter.from() != null) {
            where.add(
                    "u.updated_at >= ?",
                    filter.from().atStartOfDay(SchoolTime.ZONE).toOffsetDateTime());
        }
        if (filter.to() != null) {
            where.add(
                    "u.updated_at < ?",
                    filter.to().plusDays(1).atStartOfDay(SchoolTime.ZONE).toOffsetDateTime());
        }
        return where;
    }

    private static final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();

        void add(String condition, Object... values) {
            conditions.add(condition);
            params.addAll(List.of(values));
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        int bind(Connection c, PreparedStatement ps, int first) throws SQLException {
            int i = first;
            for (Object p : params) {
                if (p instanceof Long[] ids) {
                    ps.setArray(i++, c.createArrayOf("bigint", ids));
                } else {
                    ps.setObject(i++, p);
                }
            }
            return i;
        }
    }
}
