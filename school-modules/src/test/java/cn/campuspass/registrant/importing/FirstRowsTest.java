package cn.campuspass.registrant.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FirstRowsTest {

    @Test
    void remembersTheFirstRowOfEachTextAcrossGrowth() {
        FirstRows seen = FirstRows.ofTexts();
        for (int i = 1; i <= 50_000; i++) {
            assertThat(seen.claim("S" + i, i + 1)).isZero();
        }
        assertThat(seen.size()).isEqualTo(50_000);
        assertThat(seen.claim("S1", 99_999)).isEqualTo(2);
        assertThat(seen.claim("S50000", 99_999)).isEqualTo(50_001);
        // Strings with equal hash codes ("Aa" and "BB") stay apart.
        assertThat(seen.claim("Aa", 7)).isZero();
        assertThat(seen.claim("BB", 8)).isZero();
        assertThat(seen.claim("BB", 9)).isEqualTo(8);
    }

    @Test
    void remembersTheFirstRowOfEachNumber() {
        FirstRows seen = FirstRows.ofNumbers();
        for (long phone = 13_800_000_000L; phone < 13_800_030_000L; phone++) {
            assertThat(seen.claim(phone, 5)).isZero();
        }
        assertThat(seen.claim(13_800_000_000L, 6)).isEqualTo(5);
        assertThat(seen.claim(0L, 7)).isZero();
        assertThat(seen.claim(0L, 8)).isEqualTo(7);
    }
}
