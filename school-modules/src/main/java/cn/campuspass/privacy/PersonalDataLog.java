package cn.campuspass.privacy;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Types;
import org.hibernate.Session;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Records access to personal data in the current school's {@code pii_access_log}. */
@Service
public class PersonalDataLog {

    /** What was done with the data. */
    public enum Action {
        /** A whole value that lists only show masked (a phone number) was revealed. */
        VIEW,
        /** Personal data left the system in a file. */
        EXPORT,
        /** Personal data was erased because its retention ended (a background job; the actor is "system"). */
        PURGE
    }

    private static final int MAX_DETAIL = 500;

    private final EntityManager entityManager;

    PersonalDataLog(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Records one access by the signed-in user. Runs in the caller's transaction, so the record and the read that
     * needed it commit together (or neither does).
     *
     * @param subjectKind what kind of record was read, e.g. {@code REGISTRANT}
     * @param subjectId its id, or null for an export of many
     * @param detail what exactly, e.g. {@code phone} or the export's filter
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Action action, String subjectKind, Long subjectId, String detail) {
        String actor = actor();
        String cut = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO pii_access_log (actor, action, subject_kind, subject_id, detail)
                    VALUES (?, ?, ?, ?, ?)
                    """)) {
                ps.setString(1, actor);
                ps.setString(2, action.name());
                ps.setString(3, subjectKind);
                ps.setObject(4, subjectId, Types.BIGINT);
                ps.setString(5, cut);
                ps.executeUpdate();
            }
        });
    }

    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }
}
