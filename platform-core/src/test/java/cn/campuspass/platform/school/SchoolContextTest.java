package cn.campuspass.platform.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class SchoolContextTest {

    private static final SchoolCode A = SchoolCode.of("alpha");
    private static final SchoolCode B = SchoolCode.of("beta");

    @AfterEach
    void noTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void switchingSchoolInsideATransactionThrowsAndKeepsTheFirstSchool() {
        try (SchoolContext.Scope ignored = SchoolContext.bind(A)) {
            TransactionSynchronizationManager.setActualTransactionActive(true);
            assertThatThrownBy(() -> SchoolContext.bind(B))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("alpha")
                    .hasMessageContaining("beta");
            assertThat(SchoolContext.require()).isEqualTo(A);
            // Re-binding the same school (nested work for the same school) stays allowed.
            try (SchoolContext.Scope same = SchoolContext.bind(A)) {
                assertThat(SchoolContext.require()).isEqualTo(A);
            }
            assertThat(SchoolContext.require()).isEqualTo(A);
        }
        assertThat(SchoolContext.current()).isEmpty();
    }

    @Test
    void switchingSchoolOutsideATransactionNestsAndRestores() {
        try (SchoolContext.Scope ignored = SchoolContext.bind(A)) {
            try (SchoolContext.Scope inner = SchoolContext.bind(B)) {
                assertThat(SchoolContext.require()).isEqualTo(B);
            }
            assertThat(SchoolContext.require()).isEqualTo(A);
        }
        assertThat(SchoolContext.current()).isEmpty();
    }
}
