package cn.campuspass.platform.security;

import cn.campuspass.platform.web.ServerResolved;
import java.util.Objects;
import java.util.Set;

/**
 * Whose personal records a staff member may see (A3.6 data scope): the whole school, the departments they run
 * (recorded on their user), or only records they made themselves. Every list and count of personal records takes
 * one as a typed argument; the widest scope among a user's enabled roles applies.
 */
@ServerResolved
public sealed interface DataScope permits DataScope.WholeSchool, DataScope.Departments, DataScope.OwnRecords {

    enum Kind {
        SCHOOL,
        DEPARTMENTS,
        OWN
    }

    Kind kind();

    static DataScope wholeSchool() {
        return WholeSchool.INSTANCE;
    }

    /** Everything in the school. */
    final class WholeSchool implements DataScope {
        private static final WholeSchool INSTANCE = new WholeSchool();

        private WholeSchool() {}

        @Override
        public Kind kind() {
            return Kind.SCHOOL;
        }

        @Override
        public String toString() {
            return "WholeSchool";
        }
    }

    /** Records of these departments only; an empty set sees nothing. */
    record Departments(Set<Long> departmentIds) implements DataScope {
        public Departments {
            departmentIds = Set.copyOf(departmentIds);
        }

        @Override
        public Kind kind() {
            return Kind.DEPARTMENTS;
        }
    }

    /**
     * Records this staff user made (e.g. the passes a guard verified).
     *
     * @param userId the Keycloak user id
     * @param account the name records carry for this user ({@code verified_by}, {@code updated_by}): the login
     *     name, else the user id
     */
    record OwnRecords(String userId, String account) implements DataScope {
        public OwnRecords {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(account, "account");
        }

        public OwnRecords(String userId) {
            this(userId, userId);
        }

        @Override
        public Kind kind() {
            return Kind.OWN;
        }
    }
}
