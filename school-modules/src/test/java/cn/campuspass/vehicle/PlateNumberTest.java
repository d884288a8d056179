package cn.campuspass.vehicle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Real plate formats (GA 36 and the 2022 new-energy letters), typed the ways people type them. */
class PlateNumberTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            京A12345     | 京A12345
            粤B8X9Y7     | 粤B8X9Y7
            沪AD12345    | 沪AD12345
            浙AFA1234    | 浙AFA1234
            苏EA12345    | 苏EA12345
            川AK12345    | 川AK12345
            粤B12345D    | 粤B12345D
            鲁B54321F    | 鲁B54321F
            京A1234学    | 京A1234学
            京A0006警    | 京A0006警
            冀A1234挂    | 冀A1234挂
            沪A1234领    | 沪A1234领
            粤Z1234港    | 粤Z1234港
            粤Z5678澳    | 粤Z5678澳
            使014001     | 使014001
            224001使     | 224001使
            WJ京12345    | WJ京12345
            WJ01234      | WJ01234
            京a12345     | 京A12345
            京Ａ１２３４５ | 京A12345
            京 A·12345   | 京A12345
            粤b-d1234 5  | 粤BD12345
            ' 沪A 12345 ' | 沪A12345
            湘A・12345   | 湘A12345
            """)
    void validMotorPlatesAreNormalised(String raw, String normal) {
        assertThat(PlateNumber.parse(raw, VehicleType.MOTOR))
                .hasValueSatisfying(p -> assertThat(p.value()).isEqualTo(normal));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "京A1234", // too short
                "京A1234567", // too long
                "京I12345", // I is never an authority letter
                "京O12345",
                "京AO1234", // nor a serial character
                "京AI1234",
                "A12345", // no province
                "港A12345", // not a province abbreviation
                "京112345", // digit as authority letter
                "沪AX12345", // X is not an energy letter
                "沪AD1234A", // new-energy small: last four are digits
                "粤B12345E", // large new-energy ends in D or F
                "京A12345学", // special series has four before the character
                "京A123学", // and not three
                "使01400", // embassy: six digits
                "京A1234使",
                "京A12#45",
                "京A１２３４",
                "京A12345\u0000",
                "abc"
            })
    void invalidMotorPlatesAreRefused(String raw) {
        assertThat(PlateNumber.parse(raw, VehicleType.MOTOR)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "·-·"})
    void blankIsNoPlate(String raw) {
        assertThat(PlateNumber.parse(raw, VehicleType.MOTOR)).isEmpty();
        assertThat(PlateNumber.parse(raw, VehicleType.EBIKE)).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1234567       | 1234567
            深圳A12345    | 深圳A12345
            杭州ａ·0012   | 杭州A0012
            南京-12-3456  | 南京123456
            B00123        | B00123
            校E0001       | 校E0001
            """)
    void eBikePlatesAreLenient(String raw, String normal) {
        assertThat(PlateNumber.parse(raw, VehicleType.EBIKE))
                .hasValueSatisfying(p -> assertThat(p.value()).isEqualTo(normal));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1234567890123", "A#1", "电动车!", "<script>", "12_34"})
    void eBikePlatesStillHaveLimits(String raw) {
        assertThat(PlateNumber.parse(raw, VehicleType.EBIKE)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"粤BD12345, true", "粤B12345D, true", "粤B12345, false", "WJ京12345, false"})
    void newEnergyPlatesAreEightCharacters(String raw, boolean newEnergy) {
        assertThat(PlateNumber.parse(raw, VehicleType.MOTOR).orElseThrow().newEnergy())
                .isEqualTo(newEnergy);
    }
}
