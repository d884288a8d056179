package cn.campuspass.platform.school;

import java.time.Instant;

/**
 * Removes one kind of a school's personal files once they are past their retention (PIPL: personal data is kept no
 * longer than its purpose needs). Feature modules implement it for the files they write; the operator side runs
 * every implementation for every school on a schedule, with the school bound in {@link SchoolContext}.
 */
public interface PersonalFileRetention {

    /**
     * Deletes the bound school's files of this kind that expired before {@code now}; idempotent, so several nodes may
     * sweep at once.
     *
     * @return how many files were removed
     */
    int purgeExpired(Instant now);
}
