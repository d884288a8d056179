package cn.campuspass.vehicle;

import cn.campuspass.exporting.SpreadsheetExports;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.time.SchoolTime;
import cn.campuspass.privacy.PersonalDataLog;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports the filtered vehicle registration list to Excel (A4.4 c) as a background job on the shared
 * {@link SpreadsheetExports} engine: the rows stream from one cursor into a streaming workbook, progress is committed
 * on its own as the rows are written (the console's bar moves while the export runs), and the finished file goes to
 * object storage for download. Phones are masked as in the list; the export itself, with its filter, is written to
 * the personal-data log when it is asked for.
 */
@Service
public class VehicleExports {

    static final String KIND = "VEHICLE_REVIEWS";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(SchoolTime.ZONE);
    static final List<String> HEADERS = List.of(
            "车辆类型",
            "号牌号码",
            "车辆所有人",
            "备案人与车主关系",
            "备案人",
            "备案人手机",
            "备案人身份",
            "学号/工号",
            "身份类型",
            "部门/单位",
            "备案状态",
            "驳回原因",
            "有效期",
            "状态",
            "提交时间",
            "审核时间",
            "审核人");

    private final SpreadsheetExports exports;
    private final PersonalDataLog personalData;
    private final Clock clock;

    VehicleExports(SpreadsheetExports exports, PersonalDataLog personalData, Clock clock) {
        this.exports = exports;
        this.personalData = personalData;
        this.clock = clock;
    }

    /** Records the export in the personal-data log and starts it; returns the job id. */
    @Transactional
    public UUID start(VehicleQuery.Filter filter, DataScope scope, String actor) {
        LocalDate today = LocalDate.now(clock.withZone(SchoolTime.ZONE));
        UUID id =
                exports.start(KIND, "车辆备案审核-" + today + ".xlsx", source(VehicleQuery.of(filter, scope), today), actor);
        personalData.record(
                PersonalDataLog.Action.EXPORT,
                "VEHICLE",
                null,
                "vehicle-reviews export " + id + ": " + filter.describe());
        return id;
    }

    public SpreadsheetExports.Job job(UUID id) {
        return exports.job(KIND, id);
    }

    /** Exports of the school, newest first. */
    public List<SpreadsheetExports.Job> recent(int limit) {
        return exports.recent(KIND, limit);
    }

    /** The finished file. */
    public InputStream file(UUID id) {
        return exports.file(KIND, id);
    }

    private static SpreadsheetExports.Source source(VehicleQuery query, LocalDate today) {
        return new SpreadsheetExports.Source() {
            @Override
            public String sheetName() {
                return "车辆备案审核";
            }

            @Override
            public List<String> headers() {
                return HEADERS;
            }

            @Override
            public long count(Connection c) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM vehicle v LEFT JOIN registrant r ON r.id = v.registrant_id"
                                + query.where())) {
                    query.bind(c, ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            }

            @Override
            public void rows(Connection c, SpreadsheetExports.RowSink sink) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement(Vehicles.COLUMNS + Vehicles.FROM + query.where()
                        + " ORDER BY v.submitted_at DESC, v.id DESC")) {
                    query.bind(c, ps);
                    ps.setFetchSize(1_000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            sink.accept(values(Vehicles.item(rs), today));
                        }
                    }
                }
            }
        };
    }

    static List<String> values(Vehicles.Item v, LocalDate today) {
        String validity = v.type() != VehicleType.EBIKE || v.status() != RegistrationStatus.APPROVED
                ? ""
                : v.longTerm() ? "长期有效" : v.validUntil() + (v.validOn(today) ? "" : "（已过期）");
        List<String> values = new ArrayList<>();
        values.add(v.type().label());
        values.add(v.plate());
        values.add(v.ownerName());
        values.add(v.relation().label());
        values.add(v.registrantName());
        values.add(v.registrantPhoneMasked());
        values.add(
                v.registrantIdentity() == null ? null : v.registrantIdentity().label());
        values.add(v.registrantNumber());
        values.add(v.identityTypeName());
        values.add(v.departmentName());
        values.add(v.status().label());
        values.add(v.rejectReason());
        values.add(validity);
        values.add(v.enabled() ? "启用" : "停用");
        values.add(v.submittedAt() == null ? null : TIME.format(v.submittedAt()));
        values.add(v.reviewedAt() == null ? null : TIME.format(v.reviewedAt()));
        values.add(v.reviewedBy());
        return values;
    }
}
