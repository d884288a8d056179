package cn.campuspass.platform.school;

/** A registrant's identity (备案人身份). Teachers are always open; a school may close the others. */
public enum Identity {
    STUDENT("学生"),
    TEACHER("教师"),
    THIRD_PARTY("第三方服务人员"),
    RESIDENT("居民");

    private final String label;

    Identity(String label) {
        this.label = label;
    }

    public boolean alwaysOpen() {
        return this == TEACHER;
    }

    /** The tender's Chinese name, as import templates and exports write it. */
    public String label() {
        return label;
    }
}
