package cn.campuspass.platform.school;

/** Where a school is in its life. Only {@link #ACTIVE} schools serve their people. */
public enum SchoolStatus {
    ONBOARDING,
    ACTIVE,
    SUSPENDED,
    FAILED,
    OFFBOARDING,
    OFFBOARDED;

    public boolean serves() {
        return this == ACTIVE;
    }
}
