package cn.campuspass.visitor;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.privacy.PersonalDataLog;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way to a visitor's whole ID card number (issue 10 item 7): lists, exports and the portals show only the
 * masked form; this audited view decrypts it for a console user with {@link VisitorPrivacyPermissions#REVEAL_ID} and
 * records who saw whose number in the personal-data access log, in the same transaction. A department-scoped user
 * sees only visitors who booked a host of their departments; anything outside the scope answers "not found".
 */
@Service
public class VisitorIdNumbers {

    private final VisitorRepository visitors;
    private final SchoolJdbc jdbc;
    private final FieldCipher cipher;
    private final PersonalDataLog personalData;

    VisitorIdNumbers(VisitorRepository visitors, SchoolJdbc jdbc, FieldCipher cipher, PersonalDataLog personalData) {
        this.visitors = visitors;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.personalData = personalData;
    }

    /** The whole number and its masked form. */
    public record Revealed(long visitorId, String name, String idNumber, String idNumberMasked) {}

    @Transactional
    public Revealed reveal(long visitorId, DataScope scope) {
        Visitor visitor = visitors.findById(visitorId)
                .filter(v -> inScope(v.getId(), scope))
                .orElseThrow(() -> new ApiException(VisitorError.VISITOR_NOT_FOUND));
        if (visitor.getPurgedAt() != null) {
            throw new ApiException(VisitorError.VISITOR_ID_PURGED);
        }
        if (visitor.getIdNumberEncrypted() == null) {
            throw new ApiException(VisitorError.VISITOR_ID_NOT_RECORDED);
        }
        personalData.record(PersonalDataLog.Action.VIEW, VisitorRetention.SUBJECT, visitorId, "id_number");
        String number = cipher.decrypt(
                SchoolContext.require().value(), Visitors.ID_NUMBER_FIELD, visitor.getIdNumberEncrypted());
        return new Revealed(visitorId, visitor.getName(), number, visitor.getIdNumberMasked());
    }

    private boolean inScope(long visitorId, DataScope scope) {
        if (scope instanceof DataScope.WholeSchool) {
            return true;
        }
        if (!(scope instanceof DataScope.Departments departments)
                || departments.departmentIds().isEmpty()) {
            return false; // own records: a visitor is nobody's own record
        }
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM visitor_booking"
                    + " WHERE visitor_id = ? AND host_department_id = ANY (?))")) {
                Array ids =
                        c.createArrayOf("bigint", departments.departmentIds().toArray());
                ps.setLong(1, visitorId);
                ps.setArray(2, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }
}
