package cn.campuspass.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class TextInputConfigurationTest {

    record Named(String name, @MultiLine String note, List<String> tags) {}

    private final JsonMapper json = JsonMapper.builder()
            .addModule(new TextInputConfiguration().textInputModule())
            .build();

    @Test
    void readsOrdinaryText() {
        Named named =
                json.readValue("{\"name\":\"东门 (North) 1号\",\"note\":\"第一行\\n第二行\\tx\",\"tags\":[\"a\"]}", Named.class);
        assertThat(named.name()).isEqualTo("东门 (North) 1号");
        assertThat(named.note()).isEqualTo("第一行\n第二行\tx");
        assertThat(named.tags()).containsExactly("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\u0001", "\\u001f", "\\n", "\\r", "\\t", "\\u007f", "\\u0085", "\\u2028"})
    void refusesControlCharactersInSingleLineFields(String escaped) {
        ControlCharacters.Refused e = catchThrowableOfType(
                ControlCharacters.Refused.class, () -> json.readValue("{\"name\":\"东" + escaped + "门\"}", Named.class));
        assertThat(e).isNotNull();
        assertThat(e.getPath()).extracting(r -> r.getPropertyName()).containsExactly("name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\u0007", "\\u001b"})
    void refusesOtherControlsEvenInMultiLineFields(String escaped) {
        assertThat(catchThrowableOfType(
                        ControlCharacters.Refused.class,
                        () -> json.readValue("{\"note\":\"a" + escaped + "b\"}", Named.class)))
                .isNotNull();
    }

    @Test
    void refusesControlsInsideCollectionsAndMaps() {
        assertThat(catchThrowableOfType(
                        ControlCharacters.Refused.class,
                        () -> json.readValue("{\"tags\":[\"ok\",\"b\\u0000\"]}", Named.class)))
                .isNotNull();
        assertThat(catchThrowableOfType(
                        ControlCharacters.Refused.class, () -> json.readValue("{\"k\":\"v\\u0000\"}", Map.class)))
                .isNotNull();
    }

    @Test
    void refusesOverLongText() {
        String fine = "长".repeat(ControlCharacters.MAX_SINGLE_LINE);
        assertThat(json.readValue("{\"name\":\"" + fine + "\"}", Named.class).name())
                .hasSize(2_000);
        ControlCharacters.TooLong e = catchThrowableOfType(
                ControlCharacters.TooLong.class, () -> json.readValue("{\"name\":\"" + fine + "x\"}", Named.class));
        assertThat(e.getPath()).extracting(r -> r.getPropertyName()).containsExactly("name");
        String note = "行\\n".repeat(10_000);
        assertThat(json.readValue("{\"note\":\"" + note + "\"}", Named.class).note())
                .hasSize(20_000);
    }
}
