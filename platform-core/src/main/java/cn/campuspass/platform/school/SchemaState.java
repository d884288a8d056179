package cn.campuspass.platform.school;

/** Whether a school's schema is at the version this build ships. */
public enum SchemaState {
    /** Not created yet (the school is still onboarding). */
    NONE,
    CURRENT,
    PENDING,
    MIGRATING,
    FAILED;

    /**
     * Whether the school may serve. Migrations follow expand/contract, so a schema queued for or under migration
     * still serves; only a failed or missing schema refuses.
     */
    public boolean usable() {
        return this == CURRENT || this == PENDING || this == MIGRATING;
    }
}
