package cn.campuspass.platform.tenancy;

import cn.campuspass.platform.school.SchoolContext;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Hibernate's tenant is the school schema bound to the current thread, or the empty schema when none is bound: a
 * school entity query without a school then fails with "relation does not exist" rather than reading anyone's rows.
 */
public class CurrentSchoolSchemaResolver implements CurrentTenantIdentifierResolver<String> {

    @Override
    public String resolveCurrentTenantIdentifier() {
        return SchoolContext.current().map(SchoolSchemas::of).orElse(SchoolSchemas.NO_SCHOOL);
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return true;
    }
}
