package cn.campuspass.tenant.role;

import cn.campuspass.platform.school.SchoolCode;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Drops the school's cached grants once the change that makes them stale is committed (never before). */
public final class AfterCommit {

    private AfterCommit() {}

    public static void invalidate(StaffRoleGrants grants, SchoolCode school) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    grants.invalidate(school);
                }
            });
        } else {
            grants.invalidate(school);
        }
    }
}
