package cn.campuspass.registrant;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import org.hibernate.Session;
import org.springframework.stereotype.Component;

/**
 * Plain JDBC on the current transaction's connection, the one the multi-tenant connection provider has pointed at
 * the school's schema (a connection straight from the DataSource would sit on the empty {@code no_school} schema).
 * For set-based work: filtered lists with joins, id sets for bulk changes, multi-row inserts. Callers must be inside
 * a transaction.
 */
@Component
class SchoolConnection {

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final EntityManager entityManager;

    SchoolConnection(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    <T> T run(Work<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work::run);
    }
}
