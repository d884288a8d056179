package cn.campuspass.registrant;

import cn.campuspass.platform.school.PersonalFileRetention;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.storage.ObjectStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Problem-row workbooks of registrant imports hold the rejected people's names, phones and ID tails; they are kept
 * for {@code campuspass.retention.import-problem-rows} (default 7 days) after the import finished, long enough to
 * correct and re-upload them, then deleted. The job keeps its counts and first problems, but no longer offers the
 * download.
 */
@Component
class ImportFileRetention implements PersonalFileRetention {

    private final SchoolJdbc jdbc;
    private final ObjectStore storage;
    private final TransactionTemplate transactions;
    private final Duration keep;

    ImportFileRetention(
            SchoolJdbc jdbc,
            ObjectStore storage,
            TransactionTemplate transactions,
            @Value("${campuspass.retention.import-problem-rows:P7D}") Duration keep) {
        this.jdbc = jdbc;
        this.storage = storage;
        this.transactions = transactions;
        this.keep = keep;
    }

    @Override
    public int purgeExpired(Instant now) {
        SchoolCode school = SchoolContext.require();
        Timestamp cutoff = Timestamp.from(now.minus(keep));
        List<Object[]> expired = transactions.execute(tx -> jdbc.run(c -> {
            List<Object[]> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, problems_key FROM import_job"
                    + " WHERE problems_key IS NOT NULL AND finished_at < ? ORDER BY finished_at LIMIT 500")) {
                ps.setTimestamp(1, cutoff);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Object[] {rs.getObject(1, UUID.class), rs.getString(2)});
                    }
                }
            }
            return found;
        }));
        for (Object[] job : expired) {
            // The file goes first: a job whose file is gone but whose key stayed only answers "not found" later.
            storage.delete(school, (String) job[1]);
            transactions.executeWithoutResult(tx -> jdbc.run(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE import_job SET problems_key = NULL WHERE id = ? AND problems_key = ?")) {
                    ps.setObject(1, job[0]);
                    ps.setString(2, (String) job[1]);
                    return ps.executeUpdate();
                }
            }));
        }
        return expired.size();
    }
}
