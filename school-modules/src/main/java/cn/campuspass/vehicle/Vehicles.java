package cn.campuspass.vehicle;

import cn.campuspass.platform.error.ApiError.FieldProblem;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.registrant.RegistrantScope;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Vehicles of the current school (A4.3) and the registration records behind them (A4.4): the filtered lists, details,
 * the console's create/edit/enable/disable/unlink/delete, and the facade other modules use ({@link #findByPlate} for
 * gates, {@link #submitRegistration} for the portal). Reviewing lives in {@link VehicleReviews}.
 */
@Service
public class Vehicles {

    public static final int MAX_PAGE_SIZE = 200;
    static final int MAX_OWNER_NAME = 50;

    static final String COLUMNS = """
            SELECT v.id, v.type, v.plate, v.owner_name, v.owner_relation, v.registrant_id, r.name, r.number,
                   r.identity, r.identity_type_id, t.name, r.phone_masked, r.department_id, d.name,
                   r.managed_department_id, md.name, v.status, v.reject_reason, v.reviewed_by, v.reviewed_at,
                   v.long_term, v.valid_until, v.enabled, v.label_print_count, v.licence_photo_key IS NOT NULL,
                   v.vehicle_photo_key IS NOT NULL, v.source, v.submitted_at, v.created_at, v.updated_at, v.updated_by
            """;
    static final String FROM = """
            FROM vehicle v
            LEFT JOIN registrant r ON r.id = v.registrant_id
            LEFT JOIN identity_type t ON t.id = r.identity_type_id
            LEFT JOIN department d ON d.id = r.department_id
            LEFT JOIN department md ON md.id = r.managed_department_id
            """;

    private final SchoolJdbc jdbc;
    private final Clock clock;

    Vehicles(SchoolJdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A vehicle as lists and details show it, with its registrant as they are now (name, 学号/工号, identity, masked
     * phone, departments); the registrant fields are null for a vehicle linked to nobody.
     */
    public record Item(
            long id,
            VehicleType type,
            String plate,
            String ownerName,
            OwnerRelation relation,
            Long registrantId,
            String registrantName,
            String registrantNumber,
            Identity registrantIdentity,
            Long identityTypeId,
            String identityTypeName,
            String registrantPhoneMasked,
            Long departmentId,
            String departmentName,
            Long managedDepartmentId,
            String managedDepartmentName,
            RegistrationStatus status,
            String rejectReason,
            String reviewedBy,
            Instant reviewedAt,
            boolean longTerm,
            LocalDate validUntil,
            boolean enabled,
            int labelPrintCount,
            boolean hasLicencePhoto,
            boolean hasVehiclePhoto,
            String source,
            Instant submittedAt,
            Instant createdAt,
            Instant updatedAt,
            String updatedBy) {

        /** Whether an approved e-bike is still valid on {@code day}; motor vehicles have no validity. */
        public boolean validOn(LocalDate day) {
            return Vehicles.validOn(type, longTerm, validUntil, day);
        }
    }

    public record Found(List<Item> items, long total) {}

    /**
     * What a gate or another module needs to know of a plate.
     *
     * @param validUntil for e-bikes not long-term: the last valid day; null otherwise
     */
    public record PlateStatus(
            long vehicleId,
            VehicleType type,
            String plate,
            RegistrationStatus status,
            boolean enabled,
            boolean longTerm,
            LocalDate validUntil,
            Long registrantId) {

        public boolean validOn(LocalDate day) {
            return Vehicles.validOn(type, longTerm, validUntil, day);
        }

        /** Approved, enabled and (e-bikes) within validity: what a gate would let pass. */
        public boolean usableOn(LocalDate day) {
            return status == RegistrationStatus.APPROVED && enabled && validOn(day);
        }
    }

    /** Home page figures (A2): registrations waiting for review, and approved vehicles by kind. */
    public record Counts(long pendingReviews, long registeredMotor, long registeredEbike) {}

    static boolean validOn(VehicleType type, boolean longTerm, LocalDate validUntil, LocalDate day) {
        if (type != VehicleType.EBIKE || longTerm) {
            return true;
        }
        return validUntil != null && !day.isAfter(validUntil);
    }

    /** Newest first. */
    @Transactional(readOnly = true)
    public Found search(VehicleQuery.Filter filter, DataScope scope, int page, int size) {
        return search(VehicleQuery.of(filter, scope), "v.id DESC", page, size);
    }

    /** The review list's order: newest submission first. */
    @Transactional(readOnly = true)
    public Found searchReviews(VehicleQuery.Filter filter, DataScope scope, int page, int size) {
        return search(VehicleQuery.of(filter, scope), "v.submitted_at DESC, v.id DESC", page, size);
    }

    private Found search(VehicleQuery query, String order, int page, int size) {
        int limit = Math.min(Math.max(1, size), MAX_PAGE_SIZE);
        long offset = (long) Math.max(0, page) * limit;
        return jdbc.run(c -> {
            long total;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT count(*) FROM vehicle v LEFT JOIN registrant r ON r.id = v.registrant_id"
                            + query.where())) {
                query.bind(c, ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Item> items = new ArrayList<>();
            if (offset < total) {
                try (PreparedStatement ps = c.prepareStatement(
                        COLUMNS + FROM + query.where() + " ORDER BY " + order + " LIMIT ? OFFSET ?")) {
                    int next = query.bind(c, ps);
                    ps.setInt(next, limit);
                    ps.setLong(next + 1, offset);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            items.add(item(rs));
                        }
                    }
                }
            }
            return new Found(items, total);
        });
    }

    /** How many vehicles the filter matches (the review list's 已备案车辆数 asks for the approved ones). */
    @Transactional(readOnly = true)
    public long count(VehicleQuery.Filter filter, DataScope scope) {
        VehicleQuery query = VehicleQuery.of(filter, scope);
        return jdbc.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT count(*) FROM vehicle v LEFT JOIN registrant r ON r.id = v.registrant_id"
                            + query.where())) {
                query.bind(c, ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Transactional(readOnly = true)
    public Counts counts(DataScope scope) {
        VehicleQuery query = VehicleQuery.of(VehicleQuery.Filter.all(), scope);
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT count(*) FILTER (WHERE v.status = 'PENDING'),
                           count(*) FILTER (WHERE v.status = 'APPROVED' AND v.type = 'MOTOR'),
                           count(*) FILTER (WHERE v.status = 'APPROVED' AND v.type = 'EBIKE')
                    FROM vehicle v LEFT JOIN registrant r ON r.id = v.registrant_id""" + query.where())) {
                query.bind(c, ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
        });
    }

    /** One vehicle; outside {@code scope} it is "not found", like one that does not exist. */
    @Transactional(readOnly = true)
    public Item get(long id, DataScope scope) {
        return find(id, scope).orElseThrow(() -> new ApiException(VehicleError.VEHICLE_NOT_FOUND));
    }

    Optional<Item> find(long id, DataScope scope) {
        VehicleQuery query = VehicleQuery.of(VehicleQuery.Filter.all(), scope).and("v.id = ?", id);
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(COLUMNS + FROM + query.where())) {
                query.bind(c, ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(item(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * The vehicle registered with this plate, in any status (the plate is normalised first, so a gate camera's
     * {@code 粤b·12345} finds {@code 粤B12345}); empty for an unknown or deleted one.
     */
    @Transactional(readOnly = true)
    public Optional<PlateStatus> findByPlate(String plate) {
        if (plate == null || plate.length() > 64) {
            return Optional.empty();
        }
        String normal = PlateNumber.normalise(plate);
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, type, plate, status, enabled, long_term, valid_until, registrant_id
                    FROM vehicle WHERE plate = ? AND deleted_at IS NULL""")) {
                ps.setString(1, normal);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Date until = rs.getDate(7);
                    return Optional.of(new PlateStatus(
                            rs.getLong(1),
                            VehicleType.valueOf(rs.getString(2)),
                            rs.getString(3),
                            RegistrationStatus.valueOf(rs.getString(4)),
                            rs.getBoolean(5),
                            rs.getBoolean(6),
                            until == null ? null : until.toLocalDate(),
                            rs.getObject(8, Long.class)));
                }
            }
        });
    }

    /**
     * A registrant's own registration from the portal (R2): stored as pending for review, with the object keys of
     * the photos of the vehicle licence and of the vehicle the portal has already uploaded.
     *
     * @return the new vehicle's id
     */
    @Transactional
    public long submitRegistration(
            long registrantId,
            VehicleType type,
            String plate,
            String ownerName,
            OwnerRelation relation,
            String licencePhotoKey,
            String vehiclePhotoKey) {
        Checked checked = check(
                new VehicleDraft(type, plate, ownerName, relation, registrantId, false, null), DataScope.wholeSchool());
        return insert(checked, RegistrationStatus.PENDING, "PORTAL", null, licencePhotoKey, vehiclePhotoKey);
    }

    /** The console's 新增 in the vehicle list: the school registers the vehicle itself, so it is approved at once. */
    @Transactional
    public Item create(VehicleDraft draft, String actor, DataScope scope) {
        Checked checked = check(draft, scope);
        requireValidity(checked);
        long id = insert(checked, RegistrationStatus.APPROVED, "CONSOLE", actor, null, null);
        return get(id, scope);
    }

    /** The review list's 新增: a registration entered for a registrant, waiting for review like one from the portal. */
    @Transactional
    public Item addRegistration(VehicleDraft draft, String actor, DataScope scope) {
        Checked checked = check(draft, scope);
        long id = insert(checked, RegistrationStatus.PENDING, "CONSOLE", actor, null, null);
        return get(id, scope);
    }

    /** Edits type, plate, owner, relation and (approved e-bikes) the validity; the review status is kept. */
    @Transactional
    public Item update(long id, VehicleDraft draft, String actor, DataScope scope) {
        Item current = get(id, scope);
        Long registrantId = draft.registrantId() != null ? draft.registrantId() : current.registrantId();
        Checked checked = check(
                new VehicleDraft(
                        draft.type(),
                        draft.plate(),
                        draft.ownerName(),
                        draft.relation(),
                        registrantId,
                        draft.longTerm(),
                        draft.validUntil()),
                scope);
        requireFreePlate(checked.plate(), id);
        boolean validity =
                checked.plate().type() == VehicleType.EBIKE && current.status() == RegistrationStatus.APPROVED;
        if (validity) {
            requireValidity(checked);
        }
        jdbcRun(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE vehicle SET type = ?, plate = ?, owner_name = ?, owner_relation = ?, registrant_id = ?,
                                       long_term = ?, valid_until = ?, updated_at = now(), updated_by = ?
                    WHERE id = ? AND deleted_at IS NULL""")) {
                        ps.setString(1, checked.plate().type().name());
                        ps.setString(2, checked.plate().value());
                        ps.setString(3, checked.ownerName());
                        ps.setString(4, checked.relation().name());
                        ps.setObject(5, checked.registrantId());
                        ps.setBoolean(6, validity && checked.longTerm());
                        ps.setObject(7, validity && !checked.longTerm() ? checked.validUntil() : null);
                        ps.setString(8, actor);
                        ps.setLong(9, id);
                        return ps.executeUpdate();
                    }
                },
                checked.plate());
        return get(id, scope);
    }

    @Transactional
    public Item setEnabled(long id, boolean enabled, String actor, DataScope scope) {
        get(id, scope);
        change(id, "enabled = " + enabled, actor);
        return get(id, scope);
    }

    /**
     * 解除关联: the vehicle no longer belongs to its registrant; it stays registered (the school can link it to
     * someone by editing) and is seen by whole-school roles only.
     */
    @Transactional
    public Item unlink(long id, String actor, DataScope scope) {
        Item item = get(id, scope);
        if (item.registrantId() == null) {
            throw new ApiException(VehicleError.VEHICLE_NOT_LINKED);
        }
        change(id, "registrant_id = NULL", actor);
        return get(id, DataScope.wholeSchool());
    }

    /** Deleted vehicles are kept for the records that name them; their plate is free again. */
    @Transactional
    public void delete(long id, String actor, DataScope scope) {
        get(id, scope);
        change(id, "deleted_at = now()", actor);
    }

    /** Approved e-bikes whose label a sheet prints, counted as printed once more. */
    @Transactional
    public void countLabelsPrinted(List<Long> ids) {
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE vehicle SET label_print_count = label_print_count + 1, label_printed_at = now()
                    WHERE id = ANY (?) AND type = 'EBIKE' AND deleted_at IS NULL""")) {
                ps.setArray(1, c.createArrayOf("bigint", ids.toArray(Long[]::new)));
                return ps.executeUpdate();
            }
        });
    }

    private void change(long id, String assignment, String actor) {
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE vehicle SET " + assignment
                    + ", updated_at = now(), updated_by = ? WHERE id = ? AND deleted_at IS NULL")) {
                ps.setString(1, actor);
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
    }

    /** A draft whose every field was checked; the plate in normal form. */
    record Checked(
            PlateNumber plate,
            String ownerName,
            OwnerRelation relation,
            Long registrantId,
            boolean longTerm,
            LocalDate validUntil) {}

    Checked check(VehicleDraft draft, DataScope scope) {
        List<FieldProblem> problems = new ArrayList<>();
        if (draft.type() == null) {
            problems.add(new FieldProblem("type", "请选择车辆类型"));
        }
        String owner = draft.ownerName() == null ? "" : draft.ownerName().strip();
        if (owner.isEmpty() || owner.length() > MAX_OWNER_NAME) {
            problems.add(new FieldProblem("ownerName", "请填写车辆所有人（不超过 " + MAX_OWNER_NAME + " 字）"));
        }
        if (draft.relation() == null) {
            problems.add(new FieldProblem("relation", "请选择备案人与车主的关系"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(VehicleError.VEHICLE_INVALID, problems);
        }
        PlateNumber plate = PlateNumber.parse(draft.plate(), draft.type())
                .orElseThrow(() -> new ApiException(
                        VehicleError.VEHICLE_PLATE_INVALID, draft.plate() == null ? "" : draft.plate()));
        if (draft.registrantId() != null) {
            requireRegistrant(draft.registrantId(), scope);
        }
        return new Checked(plate, owner, draft.relation(), draft.registrantId(), draft.longTerm(), draft.validUntil());
    }

    /** An e-bike is approved with a validity: long-term, or until a day not yet past. */
    void requireValidity(Checked checked) {
        if (checked.plate().type() != VehicleType.EBIKE) {
            return;
        }
        if (!checked.longTerm()
                && (checked.validUntil() == null || checked.validUntil().isBefore(LocalDate.now(clock)))) {
            throw new ApiException(VehicleError.VEHICLE_VALIDITY_INVALID);
        }
    }

    private void requireRegistrant(long registrantId, DataScope scope) {
        RegistrantScope admitted = RegistrantScope.of(scope, "r");
        boolean found = jdbc.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT 1 FROM registrant r WHERE r.id = ? AND " + admitted.sql())) {
                ps.setLong(1, registrantId);
                int i = 2;
                for (Object p : admitted.params()) {
                    ps.setArray(i++, c.createArrayOf("bigint", (Long[]) p));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!found) {
            throw new ApiException(VehicleError.VEHICLE_REGISTRANT_NOT_FOUND);
        }
    }

    private void requireFreePlate(PlateNumber plate, Long exceptId) {
        boolean taken = jdbc.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT 1 FROM vehicle WHERE plate = ? AND deleted_at IS NULL AND id <> ?")) {
                ps.setString(1, plate.value());
                ps.setLong(2, exceptId == null ? 0 : exceptId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (taken) {
            throw new ApiException(VehicleError.VEHICLE_PLATE_TAKEN, plate.value());
        }
    }

    private long insert(
            Checked checked,
            RegistrationStatus status,
            String source,
            String actor,
            String licenceKey,
            String photoKey) {
        requireFreePlate(checked.plate(), null);
        boolean approved = status == RegistrationStatus.APPROVED;
        boolean validity = approved && checked.plate().type() == VehicleType.EBIKE;
        return jdbcRun(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO vehicle (type, plate, owner_name, owner_relation, registrant_id, status, reviewed_by,
                                         reviewed_at, long_term, valid_until, licence_photo_key, vehicle_photo_key,
                                         source, updated_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
                        ps.setString(1, checked.plate().type().name());
                        ps.setString(2, checked.plate().value());
                        ps.setString(3, checked.ownerName());
                        ps.setString(4, checked.relation().name());
                        ps.setObject(5, checked.registrantId());
                        ps.setString(6, status.name());
                        ps.setString(7, approved ? actor : null);
                        ps.setObject(8, approved ? Timestamp.from(clock.instant()) : null);
                        ps.setBoolean(9, validity && checked.longTerm());
                        ps.setObject(10, validity && !checked.longTerm() ? checked.validUntil() : null);
                        ps.setString(11, licenceKey);
                        ps.setString(12, photoKey);
                        ps.setString(13, source);
                        ps.setString(14, actor);
                        ps.executeUpdate();
                        try (ResultSet keys = ps.getGeneratedKeys()) {
                            keys.next();
                            return keys.getLong("id");
                        }
                    }
                },
                checked.plate());
    }

    /** Runs a write whose unique plate index is the last guard against a concurrent registration of the plate. */
    private <T> T jdbcRun(SchoolJdbc.Work<T> work, PlateNumber plate) {
        try {
            return jdbc.run(work);
        } catch (ConstraintViolationException e) {
            throw new ApiException(VehicleError.VEHICLE_PLATE_TAKEN, plate.value());
        }
    }

    static Item item(ResultSet rs) throws SQLException {
        String identity = rs.getString(9);
        Date until = rs.getDate(22);
        return new Item(
                rs.getLong(1),
                VehicleType.valueOf(rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                OwnerRelation.valueOf(rs.getString(5)),
                rs.getObject(6, Long.class),
                rs.getString(7),
                rs.getString(8),
                identity == null ? null : Identity.valueOf(identity),
                rs.getObject(10, Long.class),
                rs.getString(11),
                rs.getString(12),
                rs.getObject(13, Long.class),
                rs.getString(14),
                rs.getObject(15, Long.class),
                rs.getString(16),
                RegistrationStatus.valueOf(rs.getString(17)),
                rs.getString(18),
                rs.getString(19),
                instant(rs.getTimestamp(20)),
                rs.getBoolean(21),
                until == null ? null : until.toLocalDate(),
                rs.getBoolean(23),
                rs.getInt(24),
                rs.getBoolean(25),
                rs.getBoolean(26),
                rs.getString(27),
                instant(rs.getTimestamp(28)),
                instant(rs.getTimestamp(29)),
                instant(rs.getTimestamp(30)),
                rs.getString(31));
    }

    static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
