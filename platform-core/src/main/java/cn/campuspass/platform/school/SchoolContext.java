package cn.campuspass.platform.school;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The school the current unit of work acts for. Bound per request by the security filter chain (from the token's
 * realm or the portal URL) and per job by whoever starts it. Reading it when nothing is bound throws: there is no
 * "all schools" fallback.
 */
public final class SchoolContext {

    private static final ThreadLocal<SchoolCode> CURRENT = new ThreadLocal<>();

    private SchoolContext() {}

    public static SchoolCode require() {
        SchoolCode code = CURRENT.get();
        if (code == null) {
            throw new NoSchoolInContextException();
        }
        return code;
    }

    public static Optional<SchoolCode> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Binds {@code code} until the returned scope is closed, restoring whatever was bound before. Switching to
     * another school inside an open transaction throws: the transaction's connection and Hibernate session were
     * opened on the first school's schema, so work after the switch would silently read and write the first
     * school's rows.
     */
    public static Scope bind(SchoolCode code) {
        SchoolCode previous = CURRENT.get();
        if (previous != null
                && !previous.equals(code)
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Cannot switch from school " + previous.value() + " to " + code.value()
                    + " inside an open transaction; start the other school's work in its own transaction");
        }
        CURRENT.set(code);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    public static <T> T callAs(SchoolCode code, Callable<T> work) throws Exception {
        try (Scope ignored = bind(code)) {
            return work.call();
        }
    }

    /** {@link #callAs} for work that throws no checked exception. */
    public static <T> T callAsUnchecked(SchoolCode code, java.util.function.Supplier<T> work) {
        try (Scope ignored = bind(code)) {
            return work.get();
        }
    }

    public static void runAs(SchoolCode code, Runnable work) {
        try (Scope ignored = bind(code)) {
            work.run();
        }
    }

    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
