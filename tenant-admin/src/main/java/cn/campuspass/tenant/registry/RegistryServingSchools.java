package cn.campuspass.tenant.registry;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.ServingSchools;
import java.util.List;
import org.springframework.stereotype.Component;

/** The schools in service, straight from the registry (one indexed query; callers poll it every few seconds). */
@Component
class RegistryServingSchools implements ServingSchools {

    private final SchoolRegistry registry;

    RegistryServingSchools(SchoolRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<SchoolCode> serving() {
        return registry.servingCodes();
    }
}
