package cn.campuspass.platform.school;

/** A registrant's identity (备案人身份). Teachers are always open; a school may close the others. */
public enum Identity {
    STUDENT,
    TEACHER,
    THIRD_PARTY,
    RESIDENT;

    public boolean alwaysOpen() {
        return this == TEACHER;
    }
}
