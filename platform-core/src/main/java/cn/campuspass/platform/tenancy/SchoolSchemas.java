package cn.campuspass.platform.tenancy;

import cn.campuspass.platform.school.SchoolCode;
import java.util.regex.Pattern;

/** Names of the schemas the platform uses and the rule that keeps identifiers safe to splice into SQL. */
public final class SchoolSchemas {

    /** Holds the school registry and other platform tables; never school data. */
    public static final String PLATFORM = "platform";

    /**
     * Default schema of every pooled connection: empty by design, so an unqualified query on a connection that
     * lost its school fails instead of reading some school's rows.
     */
    public static final String NO_SCHOOL = "no_school";

    private static final Pattern SCHEMA = Pattern.compile("^(school_[a-z][a-z0-9]{1,29}|no_school)$");

    private SchoolSchemas() {}

    public static String of(SchoolCode code) {
        return code.schemaName();
    }

    /** Returns {@code schema} if it is one of ours, else throws: the value is then spliced into SQL. */
    public static String checked(String schema) {
        if (schema == null || !SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("Not a CampusPass school schema: " + schema);
        }
        return schema;
    }
}
