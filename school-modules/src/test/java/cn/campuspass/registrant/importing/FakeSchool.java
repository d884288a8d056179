package cn.campuspass.registrant.importing;

import cn.campuspass.platform.school.Identity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A school for import tests; records how it was asked. */
class FakeSchool implements ImportContext {

    final Map<String, Long> departments = new HashMap<>(Map.of("计算机学院", 11L, "保卫处", 12L, "IT中心", 13L));
    final Map<String, Long> teacherTypes = new HashMap<>(Map.of("专任教师", 101L, "行政人员", 102L));
    /** Deliberately without TEACHER: the importer must keep teachers open whatever the school says. */
    final Set<Identity> open = EnumSet.of(Identity.STUDENT, Identity.THIRD_PARTY);

    final Set<String> numbers = new HashSet<>(Set.of("T0001"));
    final Set<String> phones = new HashSet<>(Set.of("13900000000"));

    final List<Integer> numberCalls = new ArrayList<>();
    final List<Integer> phoneCalls = new ArrayList<>();
    final List<String> departmentLookups = new ArrayList<>();

    @Override
    public boolean identityOpen(Identity identity) {
        return open.contains(identity);
    }

    @Override
    public Optional<Long> departmentId(String name) {
        departmentLookups.add(name);
        return Optional.ofNullable(departments.get(name));
    }

    @Override
    public Optional<Long> identityTypeId(Identity identity, String name) {
        return identity == Identity.TEACHER ? Optional.ofNullable(teacherTypes.get(name)) : Optional.empty();
    }

    @Override
    public Set<String> existingNumbers(Collection<String> asked) {
        numberCalls.add(asked.size());
        Set<String> found = new HashSet<>(asked);
        found.retainAll(numbers);
        return found;
    }

    @Override
    public Set<String> existingPhones(Collection<String> asked) {
        phoneCalls.add(asked.size());
        Set<String> found = new HashSet<>(asked);
        found.retainAll(phones);
        return found;
    }
}
