package cn.campuspass.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.campuspass.access.AccessRecords;
import cn.campuspass.organization.Campuses;
import cn.campuspass.organization.Gate;
import cn.campuspass.organization.Gates;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.registrant.Registrants;
import cn.campuspass.vehicle.Vehicles;
import cn.campuspass.violation.ViolationHome;
import cn.campuspass.visitor.VisitorStatistics;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Spring Modulith module test of {@code home}, without the stack: the module is bootstrapped alone (its own beans
 * and Boot's auto-configuration, no database or Redis), its dependency on the other modules' public APIs
 * ({@code Registrants}, {@code Campuses}, {@code Gates}, {@code AccessRecords}, {@code Vehicles}, {@code ViolationHome}, {@code VisitorStatistics}) is satisfied by mocks, Modulith
 * verifies the module's dependencies, and the controller answers from those APIs alone.
 */
@ApplicationModuleTest
@TestPropertySource(
        properties = {
            "spring.autoconfigure.exclude="
                    + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                    + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
                    + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
                    + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            // The readiness group names db and redis, which this bootstrap leaves out on purpose.
            "management.endpoint.health.validate-group-membership=false"
        })
class HomeModuleTest {

    @Autowired
    ApplicationContext context;

    @MockitoBean
    Registrants registrants;

    @MockitoBean
    Campuses campuses;

    @MockitoBean
    Gates gates;

    @MockitoBean
    AccessRecords records;

    @MockitoBean
    Vehicles vehicles;

    @MockitoBean
    ViolationHome violations;

    @MockitoBean
    VisitorStatistics visitorStatistics;

    @Test
    void homeModuleStandsAloneOnTheOtherModulesApis() throws Exception {
        // Only this module's beans: nothing of tenant administration, the portal or the pass machinery.
        assertThat(context.getBeanNamesForType(HomeController.class)).hasSize(1);
        assertThat(context.containsBean("schoolOnboarding")).isFalse();
        assertThat(context.containsBean("passVerifications")).isFalse();
        assertThat(context.containsBean("portalAccounts")).isFalse();

        when(registrants.counts(any())).thenReturn(new Registrants.Counts(10, 4));
        when(campuses.list()).thenReturn(List.of());
        Gate gate = mock(Gate.class);
        when(gate.isEnabled()).thenReturn(true);
        when(gates.list(null)).thenReturn(List.of(gate));
        when(records.today(any())).thenReturn(new AccessRecords.TodayCounts(3, 1));
        when(vehicles.counts(any())).thenReturn(new Vehicles.Counts(2, 5, 7));

        // The module's own controller bean; the caller's DataScope (resolved by the platform's security in the app)
        // is a whole-school staff member here.
        MockMvc mvc = MockMvcBuilders.standaloneSetup(context.getBean(HomeController.class))
                .setCustomArgumentResolvers(new WholeSchoolScope())
                .build();
        mvc.perform(get("/admin/api/home"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.registrants.registered").value(4))
                .andExpect(jsonPath("$.gates.enabled").value(1))
                .andExpect(jsonPath("$.access.passedToday").value(3))
                .andExpect(jsonPath("$.access.deniedToday").value(1))
                .andExpect(jsonPath("$.vehicles.pendingReviews").value(2))
                .andExpect(jsonPath("$.vehicles.nonMotor").value(7));
    }

    /** The caller's scope as the platform's security would hand it to a school-wide staff member. */
    private static final class WholeSchoolScope implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == DataScope.class;
        }

        @Override
        public Object resolveArgument(
                MethodParameter parameter,
                ModelAndViewContainer mavContainer,
                NativeWebRequest webRequest,
                WebDataBinderFactory binderFactory) {
            return DataScope.wholeSchool();
        }
    }
}
