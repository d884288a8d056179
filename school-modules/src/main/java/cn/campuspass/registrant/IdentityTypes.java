package cn.campuspass.registrant;

import cn.campuspass.platform.error.ApiError.FieldProblem;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolSettings;
import cn.campuspass.platform.school.SchoolSettingsProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Identity types of the current school (A4.1): CRUD, enable/disable, and the face requirement each one ends up with
 * (P4, A4.2 b: a type's own setting in the school settings, otherwise its identity's).
 */
@Service
public class IdentityTypes {

    static final int NAME_MAX = 50;

    private final IdentityTypeRepository types;
    private final SchoolSettingsProvider settings;

    IdentityTypes(IdentityTypeRepository types, SchoolSettingsProvider settings) {
        this.types = types;
        this.settings = settings;
    }

    /** What an admin types to create or edit a type; a null {@code enabled} keeps the current state (on). */
    public record Draft(String name, Identity identity, Boolean enabled) {}

    /**
     * A type as lists show it.
     *
     * @param faceRequiredOverride the type's own face setting, null when it follows its identity
     * @param faceRequired what applies to its registrants
     */
    public record View(
            long id,
            String name,
            Identity identity,
            boolean enabled,
            long registrants,
            Boolean faceRequiredOverride,
            boolean faceRequired,
            Instant createdAt,
            Instant updatedAt,
            String updatedBy) {}

    /** The filters of the list; each optional. {@code q} is a substring of the name. */
    public record Filter(Identity identity, Boolean enabled, String q) {}

    @Transactional(readOnly = true)
    public List<View> list(Filter filter) {
        SchoolSettings school = settings.settingsOf(SchoolContext.require());
        Map<Long, Long> counts = new HashMap<>();
        for (Object[] row : types.registrantCounts()) {
            counts.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        }
        String q = filter.q() == null ? "" : filter.q().strip().toLowerCase(Locale.ROOT);
        return types.findAllByOrderByIdentityAscIdAsc().stream()
                .filter(t -> filter.identity() == null || t.getIdentity() == filter.identity())
                .filter(t -> filter.enabled() == null || t.isEnabled() == filter.enabled())
                .filter(t -> q.isEmpty() || t.getName().toLowerCase(Locale.ROOT).contains(q))
                .map(t -> view(t, counts.getOrDefault(t.getId(), 0L), school))
                .toList();
    }

    @Transactional(readOnly = true)
    public View get(long id) {
        IdentityType type = load(id);
        return view(type, types.countRegistrants(id), settings.settingsOf(SchoolContext.require()));
    }

    @Transactional
    public View create(Draft draft, String actor) {
        Checked checked = check(draft, null);
        IdentityType type =
                new IdentityType(checked.name(), checked.identity(), draft.enabled() == null || draft.enabled(), actor);
        save(type, checked);
        return get(type.getId());
    }

    /** A type in use keeps its identity: its registrants would otherwise hold a type of another identity. */
    @Transactional
    public View update(long id, Draft draft, String actor) {
        IdentityType type = load(id);
        Checked checked = check(draft, id);
        if (checked.identity() != type.getIdentity()) {
            long used = types.countRegistrants(id);
            if (used > 0) {
                throw ApiException.withFields(
                        RegistrantError.IDENTITY_TYPE_INVALID,
                        List.of(new FieldProblem("identity", "已有 " + used + " 名备案人使用该身份类型，不能更改对应身份")));
            }
        }
        type.update(
                checked.name(),
                checked.identity(),
                draft.enabled() == null ? type.isEnabled() : draft.enabled(),
                actor);
        save(type, checked);
        return get(id);
    }

    @Transactional
    public View setEnabled(long id, boolean enabled, String actor) {
        load(id).setEnabled(enabled, actor);
        types.flush();
        return get(id);
    }

    /** Refused while any registrant has the type (they would silently lose it). */
    @Transactional
    public void delete(long id) {
        IdentityType type = load(id);
        long used = types.countRegistrants(id);
        if (used > 0) {
            throw new ApiException(RegistrantError.IDENTITY_TYPE_IN_USE, used);
        }
        types.delete(type);
        types.flush();
    }

    /** The type with this id, if it exists (enabled or not). */
    @Transactional(readOnly = true)
    public Optional<IdentityType> find(long id) {
        return types.findById(id);
    }

    /** The enabled type of this identity with this exact name (the import's 身份类型 column). */
    @Transactional(readOnly = true)
    public Optional<Long> enabledIdByName(Identity identity, String name) {
        return types.findByIdentityAndName(identity, name)
                .filter(IdentityType::isEnabled)
                .map(IdentityType::getId);
    }

    private View view(IdentityType t, long registrants, SchoolSettings school) {
        Boolean override = school.faceRequiredByTeacherType().get(String.valueOf(t.getId()));
        return new View(
                t.getId(),
                t.getName(),
                t.getIdentity(),
                t.isEnabled(),
                registrants,
                override,
                school.faceRequiredFor(t.getIdentity(), t.getId()),
                t.getCreatedAt(),
                t.getUpdatedAt(),
                t.getUpdatedBy());
    }

    private record Checked(String name, Identity identity) {}

    private Checked check(Draft draft, Long id) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty()) {
            problems.add(new FieldProblem("name", "身份类型名称不能为空"));
        } else if (name.length() > NAME_MAX) {
            problems.add(new FieldProblem("name", "身份类型名称不能超过 " + NAME_MAX + " 个字"));
        }
        if (draft.identity() == null) {
            problems.add(new FieldProblem("identity", "对应备案人身份不能为空"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.withFields(RegistrantError.IDENTITY_TYPE_INVALID, problems);
        }
        if (types.existsByIdentityAndNameAndIdNot(draft.identity(), name, id == null ? -1L : id)) {
            throw nameTaken(name);
        }
        return new Checked(name, draft.identity());
    }

    /** Saves and flushes, so a concurrent writer that took the name meanwhile gets the same answer. */
    private void save(IdentityType type, Checked checked) {
        try {
            types.saveAndFlush(type);
        } catch (DataIntegrityViolationException e) {
            if (String.valueOf(e.getMostSpecificCause().getMessage()).contains("identity_type_name_uq")) {
                throw nameTaken(checked.name());
            }
            throw e;
        }
    }

    private static ApiException nameTaken(String name) {
        return ApiException.withFields(
                RegistrantError.IDENTITY_TYPE_NAME_TAKEN,
                List.of(new FieldProblem("name", "该身份下已有身份类型「" + name + "」")),
                name);
    }

    private IdentityType load(long id) {
        return types.findById(id).orElseThrow(() -> new ApiException(RegistrantError.IDENTITY_TYPE_NOT_FOUND));
    }
}
