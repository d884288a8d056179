package cn.campuspass.platform.tenancy;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.hibernate.Session;
import org.springframework.stereotype.Component;

/**
 * Plain JDBC on the current transaction's connection, the one the multi-tenant connection provider has pointed at the
 * school's schema (a connection straight from the DataSource sits on the empty {@code no_school} schema). For
 * set-based work where entity round trips cost too much: filtered pages with joins, id sets for bulk changes,
 * multi-row inserts, {@code ON CONFLICT}. Callers must be inside a transaction with a school bound.
 */
@Component
public class SchoolJdbc {

    /** Work on the connection; may throw {@link SQLException}, which Hibernate translates. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final EntityManager entityManager;

    SchoolJdbc(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public <T> T run(Work<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work::run);
    }

    /**
     * Lets PostgreSQL reuse a generic plan for this transaction's prepared statements once it finds one as cheap as
     * planning each execution ({@code plan_cache_mode = auto} until the transaction ends). Pooled connections plan every
     * execution for its values (the application's {@code connection-init-sql}), which keeps statistics and searches
     * over ranges right; a hot path made of key look-ups and inserts, whose plans do not depend on the values, calls
     * this first and saves the planning (a visitor booking: PostgreSQL's CPU per request 1.6 ms → 1.0 ms).
     */
    public void reusePlans() {
        run(c -> {
            try (Statement statement = c.createStatement()) {
                statement.execute("SELECT set_config('plan_cache_mode', 'auto', true)");
            }
            return null;
        });
    }
}
