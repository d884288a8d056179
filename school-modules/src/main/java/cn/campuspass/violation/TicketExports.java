package cn.campuspass.violation;

import cn.campuspass.exporting.SpreadsheetExports;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.time.SchoolTime;
import cn.campuspass.privacy.PersonalDataLog;
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
 * 导出罚单 (A5.2): the filtered ticket list, within the caller's data scope, as a background spreadsheet export. Phones
 * are masked as in the list; the export and its filter are written to the personal-data log when it is asked for.
 */
@Service
public class TicketExports {

    static final String KIND = "TICKETS";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(SchoolTime.ZONE);
    static final List<String> HEADERS =
            List.of("单号", "罚单对象", "姓名", "学号/工号", "身份", "手机", "号牌号码", "罚单项目", "计分", "地点", "状态", "开单人员", "开单时间", "撤销原因");

    private final SpreadsheetExports exports;
    private final PersonalDataLog personalData;
    private final Clock clock;

    TicketExports(SpreadsheetExports exports, PersonalDataLog personalData, Clock clock) {
        this.exports = exports;
        this.personalData = personalData;
        this.clock = clock;
    }

    @Transactional
    public UUID start(TicketQuery.Filter filter, DataScope scope, String actor) {
        personalData.record(PersonalDataLog.Action.EXPORT, "TICKET", null, "tickets export: " + describe(filter));
        TicketQuery query = TicketQuery.of(filter, scope);
        return exports.start(
                KIND, "罚单-" + LocalDate.now(clock.withZone(SchoolTime.ZONE)) + ".xlsx", source(query), actor);
    }

    public SpreadsheetExports.Job job(UUID id) {
        return exports.job(KIND, id);
    }

    public List<SpreadsheetExports.Job> recent() {
        return exports.recent(KIND, 20);
    }

    public java.io.InputStream file(UUID id) {
        return exports.file(KIND, id);
    }

    private static SpreadsheetExports.Source source(TicketQuery query) {
        return new SpreadsheetExports.Source() {
            @Override
            public String sheetName() {
                return "罚单";
            }

            @Override
            public List<String> headers() {
                return HEADERS;
            }

            @Override
            public long count(Connection c) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM ticket t" + query.where())) {
                    query.bind(c, ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            }

            @Override
            public void rows(Connection c, SpreadsheetExports.RowSink sink) throws SQLException {
                try (PreparedStatement ps =
                        c.prepareStatement(Tickets.COLUMNS + query.where() + " ORDER BY t.issued_at DESC, t.id DESC")) {
                    query.bind(c, ps);
                    ps.setFetchSize(1_000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            sink.accept(values(Tickets.ticket(rs)));
                        }
                    }
                }
            }
        };
    }

    static List<String> values(Tickets.Ticket t) {
        List<String> v = new ArrayList<>();
        v.add(t.ticketNo());
        v.add(t.target() == TicketTarget.REGISTRANT ? "备案人" : "访客");
        v.add(t.targetName());
        v.add(t.targetNumber());
        v.add(identity(t.targetIdentity()));
        v.add(t.targetPhoneMasked());
        v.add(t.plate());
        v.add(t.itemName());
        v.add(String.valueOf(t.points()));
        v.add(t.location());
        v.add(t.status() == TicketStatus.EFFECTIVE ? "生效" : "撤销");
        v.add(t.issuedBy());
        v.add(TIME.format(t.issuedAt()));
        v.add(t.revokeReason());
        return v;
    }

    private static String identity(String identity) {
        if (identity == null) {
            return null;
        }
        try {
            return Identity.valueOf(identity).label();
        } catch (IllegalArgumentException e) {
            return identity;
        }
    }

    private static String describe(TicketQuery.Filter f) {
        return "text=" + f.text() + ", item=" + f.itemId() + ", status=" + f.status() + ", target=" + f.target()
                + ", from=" + f.from() + ", to=" + f.to();
    }
}
