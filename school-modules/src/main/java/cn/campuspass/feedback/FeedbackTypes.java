package cn.campuspass.feedback;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The school's feedback types (建议类型管理, A3.4): the console lists, creates, edits, enables/disables and deletes
 * them; the portal offers only the enabled ones. A type that feedback uses cannot be deleted (the feedback would
 * lose its type); it is disabled instead.
 */
@Service
public class FeedbackTypes {

    private final FeedbackTypeRepository types;
    private final SchoolJdbc jdbc;

    FeedbackTypes(FeedbackTypeRepository types, SchoolJdbc jdbc) {
        this.types = types;
        this.jdbc = jdbc;
    }

    public record TypeDraft(String name, String description, Integer sortOrder, Boolean enabled) {}

    @Transactional(readOnly = true)
    public List<FeedbackType> list(String nameContains, Boolean enabled) {
        String needle = nameContains == null ? "" : nameContains.strip();
        return types.findAllByOrderBySortOrderAscIdAsc().stream()
                .filter(t -> needle.isEmpty() || t.getName().contains(needle))
                .filter(t -> enabled == null || t.isEnabled() == enabled)
                .toList();
    }

    /** What the portal offers. */
    @Transactional(readOnly = true)
    public List<FeedbackType> enabled() {
        return types.findByEnabledTrueOrderBySortOrderAscIdAsc();
    }

    @Transactional(readOnly = true)
    public FeedbackType get(long id) {
        return types.findById(id).orElseThrow(() -> new ApiException(FeedbackError.FEEDBACK_TYPE_NOT_FOUND));
    }

    @Transactional
    public FeedbackType create(TypeDraft draft, String actor) {
        String name = draft.name().strip();
        if (types.existsByName(name)) {
            throw new ApiException(FeedbackError.FEEDBACK_TYPE_NAME_TAKEN, name);
        }
        return types.save(new FeedbackType(
                name,
                blankToNull(draft.description()),
                draft.sortOrder() == null ? 0 : draft.sortOrder(),
                draft.enabled() == null || draft.enabled(),
                actor));
    }

    @Transactional
    public FeedbackType update(long id, TypeDraft draft, String actor) {
        FeedbackType type = get(id);
        String name = draft.name().strip();
        if (types.existsByNameAndIdNot(name, id)) {
            throw new ApiException(FeedbackError.FEEDBACK_TYPE_NAME_TAKEN, name);
        }
        type.update(
                name,
                blankToNull(draft.description()),
                draft.sortOrder() == null ? type.getSortOrder() : draft.sortOrder(),
                draft.enabled() == null ? type.isEnabled() : draft.enabled(),
                actor);
        return type;
    }

    @Transactional
    public FeedbackType setEnabled(long id, boolean enabled, String actor) {
        FeedbackType type = get(id);
        type.enable(enabled, actor);
        return type;
    }

    @Transactional
    public void delete(long id) {
        FeedbackType type = get(id);
        boolean used = jdbc.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT EXISTS (SELECT 1 FROM feedback WHERE type_id = ?)")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
        if (used) {
            throw new ApiException(FeedbackError.FEEDBACK_TYPE_IN_USE);
        }
        types.delete(type);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
