package cn.campuspass.registrant.importing;

import cn.campuspass.platform.school.Identity;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * What the importer needs to know about the school it imports into. One instance serves one import of one school.
 *
 * <p>The importer remembers the answers of {@link #identityOpen}, {@link #departmentId} and {@link #identityTypeId}
 * for each distinct value, so implementations may simply query (departments and identity types are small tables).
 * {@link #existingNumbers} and {@link #existingPhones} are called once per batch of rows (never per row) with the
 * distinct values of that batch; implementations should answer with one {@code IN (...)} query each and must not
 * load every registrant of the school.
 */
public interface ImportContext {

    /** Whether the school has opened this identity. Teachers are always open whatever this answers. */
    boolean identityOpen(Identity identity);

    /** The id of the school's department or unit with exactly this (normalised) name. */
    Optional<Long> departmentId(String name);

    /** The id of the identity type with this name under the given identity, e.g. (TEACHER, "专任教师"). */
    Optional<Long> identityTypeId(Identity identity, String name);

    /** Which of these 学号/工号 already belong to a registrant of the school. */
    Set<String> existingNumbers(Collection<String> numbers);

    /** Which of these phones (normalised 11-digit form, see {@code PhoneNumber#value()}) a registrant already has. */
    Set<String> existingPhones(Collection<String> phones);
}
