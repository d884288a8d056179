package cn.campuspass.platform.tenancy;

import javax.sql.DataSource;
import org.hibernate.cfg.MultiTenancySettings;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TenancyConfiguration {

    @Bean
    HibernatePropertiesCustomizer schoolTenancy(DataSource dataSource) {
        SchoolSchemaConnectionProvider connections = new SchoolSchemaConnectionProvider(dataSource);
        CurrentSchoolSchemaResolver resolver = new CurrentSchoolSchemaResolver();
        return properties -> {
            properties.put(MultiTenancySettings.MULTI_TENANT_CONNECTION_PROVIDER, connections);
            properties.put(MultiTenancySettings.MULTI_TENANT_IDENTIFIER_RESOLVER, resolver);
            // A second-level cache key would not carry the tenant; keep it off.
            properties.put("hibernate.cache.use_second_level_cache", false);
            properties.put("hibernate.cache.use_query_cache", false);
        };
    }
}
