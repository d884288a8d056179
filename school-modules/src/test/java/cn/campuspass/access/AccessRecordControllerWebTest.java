package cn.campuspass.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.campuspass.platform.error.ApiErrorsForWebSlices;
import cn.campuspass.platform.school.Identity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Web slice of the access-record list (A6.1): every query parameter reaches the search as a typed filter, the page
 * shape is what the console reads, and a malformed date or value is a 400 {@code MALFORMED_REQUEST} that never
 * reaches the search. Who may list (not gate guards) is proven over the real stack by {@code AccessIT}.
 */
@WebMvcTest
@AutoConfigureMockMvc(addFilters = false)
class AccessRecordControllerWebTest {

    @SpringBootConfiguration
    @Import({AccessRecordController.class, ApiErrorsForWebSlices.class})
    static class Slice {}

    @Autowired
    MockMvc mvc;

    @MockitoBean
    AccessRecords records;

    @Test
    void queryParametersBecomeTheFilterAndThePageKeepsItsShape() throws Exception {
        AccessRecords.Row row = new AccessRecords.Row(
                7,
                3L,
                "张三",
                "139****0001",
                Identity.STUDENT,
                "2026000001",
                1L,
                "计算机学院",
                null,
                null,
                1L,
                "主校区",
                2L,
                "东门",
                VerificationMethod.GUARD,
                false,
                AccessDenial.PASS_EXPIRED,
                "guard1",
                Instant.parse("2030-03-01T15:59:00Z"));
        when(records.search(any(), any(), anyInt(), anyInt()))
                .thenReturn(new AccessRecords.Page(List.of(row), 10_000, false));

        mvc.perform(get("/admin/api/access-records")
                        .param("q", "张")
                        .param("from", "2030-03-01")
                        .param("to", "2030-03-02")
                        .param("departmentId", "1")
                        .param("identity", "STUDENT")
                        .param("gateId", "2")
                        .param("method", "GUARD")
                        .param("result", "DENIED")
                        .param("page", "3")
                        .param("size", "50"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(10_000))
                .andExpect(jsonPath("$.totalExact").value(false))
                .andExpect(jsonPath("$.items[0].phone").value("139****0001"))
                .andExpect(jsonPath("$.items[0].reason").value("PASS_EXPIRED"))
                .andExpect(jsonPath("$.items[0].passedAt").value("2030-03-01T15:59:00Z"));

        ArgumentCaptor<AccessRecords.Filter> filter = ArgumentCaptor.forClass(AccessRecords.Filter.class);
        verify(records).search(filter.capture(), any(), eq(3), eq(50));
        assertThat(filter.getValue())
                .isEqualTo(new AccessRecords.Filter(
                        "张",
                        LocalDate.of(2030, 3, 1),
                        LocalDate.of(2030, 3, 2),
                        1L,
                        null,
                        Identity.STUDENT,
                        2L,
                        VerificationMethod.GUARD,
                        AccessRecords.Result.DENIED));
    }

    @Test
    void malformedDatesAndValuesAre400sThatNeverReachTheSearch() throws Exception {
        for (String[] param : new String[][] {
            {"from", "2030-13-01"}, {"to", "yesterday"}, {"identity", "ALIEN"}, {"gateId", "east"}, {"result", "MAYBE"}
        }) {
            mvc.perform(get("/admin/api/access-records").param(param[0], param[1]))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        }
        verify(records, never()).search(any(), anyInt(), anyInt());
    }
}
