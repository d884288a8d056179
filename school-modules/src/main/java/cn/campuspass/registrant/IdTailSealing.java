package cn.campuspass.registrant;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.tenancy.SchoolJavaMigration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/** Contributes school migration V7, which seals the plaintext 身份证后六位 that V6 made room for. */
@Component
class IdTailSealing implements SchoolJavaMigration {

    private final FieldCipher cipher;

    IdTailSealing(FieldCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public JavaMigration migration() {
        return new V7__Seal_registrant_id_tails(cipher);
    }

    /**
     * Seals every plaintext tail in batches and empties the plaintext column, in Flyway's transaction: a school is
     * either all sealed at V7 or untouched at V6. Rows a newer writer already sealed are left alone.
     */
    static final class V7__Seal_registrant_id_tails extends BaseJavaMigration {

        private static final int BATCH = 1000;

        private final FieldCipher cipher;

        V7__Seal_registrant_id_tails(FieldCipher cipher) {
            this.cipher = cipher;
        }

        @Override
        public void migrate(Context context) throws Exception {
            String school = SchoolJavaMigration.schoolOf(context);
            Connection c = context.getConnection();
            long after = 0;
            while (true) {
                List<Object[]> rows = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id, id_tail FROM registrant"
                        + " WHERE id > ? AND id_tail IS NOT NULL ORDER BY id LIMIT " + BATCH)) {
                    ps.setLong(1, after);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new Object[] {rs.getLong(1), rs.getString(2)});
                        }
                    }
                }
                if (rows.isEmpty()) {
                    return;
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE registrant SET id_tail_encrypted = ?,"
                        + " id_tail_index = ?, id_tail_masked = ?, id_tail = NULL WHERE id = ?")) {
                    for (Object[] row : rows) {
                        IdTails.Sealed sealed = IdTails.seal(cipher, school, (String) row[1]);
                        ps.setString(1, sealed.encrypted());
                        ps.setString(2, sealed.index());
                        ps.setString(3, sealed.masked());
                        ps.setLong(4, (Long) row[0]);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                after = (Long) rows.get(rows.size() - 1)[0];
            }
        }
    }
}
