package cn.campuspass.platform.school;

/** Thrown when school-scoped work runs with no school bound; callers must never fall back to "all schools". */
public class NoSchoolInContextException extends IllegalStateException {

    public NoSchoolInContextException() {
        super("No school is bound to the current unit of work");
    }
}
