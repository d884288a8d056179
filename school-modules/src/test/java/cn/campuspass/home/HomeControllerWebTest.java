package cn.campuspass.home;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.campuspass.access.AccessRecords;
import cn.campuspass.organization.Campus;
import cn.campuspass.organization.Campuses;
import cn.campuspass.organization.Gate;
import cn.campuspass.organization.Gates;
import cn.campuspass.platform.error.ApiErrorsForWebSlices;
import cn.campuspass.registrant.Registrants;
import cn.campuspass.vehicle.Vehicles;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Web slice of the home counts (A2): the response shape the console reads, with the counting services mocked.
 * Which day "today" is, over the real database, is proven by {@code SchoolClockIT}; filters (tokens) are off here.
 */
@WebMvcTest
@AutoConfigureMockMvc(addFilters = false)
class HomeControllerWebTest {

    @SpringBootConfiguration
    @Import({HomeController.class, ApiErrorsForWebSlices.class})
    static class Slice {}

    @Autowired
    MockMvc mvc;

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

    @Test
    void homeCountsRegistrantsCampusesEnabledGatesTodaysVerificationsAndVehicles() throws Exception {
        when(registrants.counts(any())).thenReturn(new Registrants.Counts(120, 45));
        when(campuses.list()).thenReturn(List.of(mock(Campus.class), mock(Campus.class)));
        Gate open = mock(Gate.class);
        when(open.isEnabled()).thenReturn(true);
        Gate closed = mock(Gate.class);
        when(gates.list(null)).thenReturn(List.of(open, closed, open));
        when(records.today(any())).thenReturn(new AccessRecords.TodayCounts(37, 4));
        when(vehicles.counts(any())).thenReturn(new Vehicles.Counts(6, 30, 12));

        mvc.perform(get("/admin/api/home"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.registrants.total").value(120))
                .andExpect(jsonPath("$.registrants.registered").value(45))
                .andExpect(jsonPath("$.campuses").value(2))
                .andExpect(jsonPath("$.gates.total").value(3))
                .andExpect(jsonPath("$.gates.enabled").value(2))
                .andExpect(jsonPath("$.access.passedToday").value(37))
                .andExpect(jsonPath("$.access.deniedToday").value(4))
                .andExpect(jsonPath("$.vehicles.pendingReviews").value(6))
                .andExpect(jsonPath("$.vehicles.motor").value(30))
                .andExpect(jsonPath("$.vehicles.nonMotor").value(12));
    }
}
