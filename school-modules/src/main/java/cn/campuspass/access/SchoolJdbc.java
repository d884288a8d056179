package cn.campuspass.access;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import org.hibernate.Session;
import org.springframework.stereotype.Component;

/**
 * Plain JDBC on the current transaction's connection, which the multi-tenant connection provider has pointed at the
 * school's schema. Used where set-based SQL (arrays, {@code ON CONFLICT}, counted pages) beats entity round trips.
 * Callers must be inside a transaction.
 */
@Component
class SchoolJdbc {

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final EntityManager entityManager;

    SchoolJdbc(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    <T> T run(Work<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work::run);
    }
}
