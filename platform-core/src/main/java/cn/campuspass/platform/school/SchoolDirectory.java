package cn.campuspass.platform.school;

import java.util.Optional;

/** Read side of the school registry used on every request; implemented by the operator module. */
public interface SchoolDirectory {

    /** The school with exactly this code, from a short-lived cache. */
    Optional<SchoolEntry> find(SchoolCode code);
}
