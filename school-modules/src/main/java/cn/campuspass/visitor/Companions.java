package cn.campuspass.visitor;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The companions column (jsonb) to and from its records; a plain mapper, the shape is ours and fixed. */
final class Companions {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Companion>> LIST = new TypeReference<>() {};

    private Companions() {}

    static String toJson(List<Companion> companions) {
        return JSON.writeValueAsString(companions == null ? List.of() : companions);
    }

    static List<Companion> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, LIST);
        } catch (JacksonException e) {
            throw new IllegalStateException("Unreadable companions column", e);
        }
    }
}
