package cn.campuspass.registrant;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.crypto.SealedFieldRotation;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-encrypts registrants' phones and ID tails with the active key. Rows are picked by the key id prefix the active
 * key writes, so a finished school costs one index-less scan per sweep and nothing else; the blind indexes do not
 * change (they have their own key).
 */
@Component
class RegistrantKeyRotation implements SealedFieldRotation {

    private final SchoolJdbc jdbc;
    private final FieldCipher cipher;
    private final TransactionTemplate transactions;

    RegistrantKeyRotation(SchoolJdbc jdbc, FieldCipher cipher, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.transactions = transactions;
    }

    @Override
    public int reencryptBatch(int batch) {
        String school = SchoolContext.require().value();
        String current = "v2:" + cipher.activeKeyId() + ":%";
        Integer done = transactions.execute(tx -> jdbc.run(c -> {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT id, phone_encrypted, id_tail_encrypted FROM registrant"
                            + " WHERE phone_encrypted NOT LIKE ? OR id_tail_encrypted NOT LIKE ?"
                            + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                ps.setString(1, current);
                ps.setString(2, current);
                ps.setInt(3, batch);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)});
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE registrant SET phone_encrypted = ?, id_tail_encrypted = ? WHERE id = ?")) {
                for (Object[] row : rows) {
                    ps.setString(1, cipher.reencrypt(school, Registrants.PHONE_FIELD, (String) row[1]));
                    ps.setString(2, cipher.reencrypt(school, IdTails.FIELD, (String) row[2]));
                    ps.setLong(3, (Long) row[0]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return rows.size();
        }));
        return done == null ? 0 : done;
    }
}
