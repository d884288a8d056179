package cn.campuspass.platform.tenancy;

import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A school-schema migration written in Java (one that needs application beans, such as the field cipher), contributed
 * by the feature module that owns the tables. Deliberately not a {@link JavaMigration} bean itself: Spring Boot hands
 * every such bean to the platform schema's Flyway, where a school migration must never run.
 */
public interface SchoolJavaMigration {

    JavaMigration migration();

    /** The school a migration runs for, from the schema Flyway migrates ({@code school_<code>}). */
    static String schoolOf(org.flywaydb.core.api.migration.Context context) {
        String schema = context.getConfiguration().getDefaultSchema();
        if (schema == null || !schema.startsWith("school_")) {
            throw new IllegalStateException("Not a school schema: " + schema);
        }
        return schema.substring("school_".length());
    }
}
