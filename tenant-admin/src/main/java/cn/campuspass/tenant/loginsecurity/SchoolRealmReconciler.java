package cn.campuspass.tenant.loginsecurity;

import cn.campuspass.platform.concurrent.DaemonThreads;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.tenant.keycloak.SchoolRealmDefinition;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.registry.SchoolRecord;
import cn.campuspass.tenant.registry.SchoolRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After an upgrade that raised {@link SchoolRealmDefinition#VERSION}, brings every active or suspended school's
 * realm to the current definition in the background, one school at a time (realm updates are admin calls to a
 * shared Keycloak), recording each school's version in the registry. A school whose reconciliation fails keeps its
 * old version and is tried again at the next start; the others go on. Reconciling twice is harmless, so two nodes
 * starting together need no lock.
 */
@Component
public class SchoolRealmReconciler {

    private static final Logger log = LoggerFactory.getLogger(SchoolRealmReconciler.class);

    private final SchoolRegistry registry;
    private final SchoolRealmProvisioner realms;
    private final boolean enabled;

    SchoolRealmReconciler(
            SchoolRegistry registry,
            SchoolRealmProvisioner realms,
            @Value("${campuspass.migration.on-startup:true}") boolean enabled) {
        this.registry = registry;
        this.realms = realms;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (enabled) {
            DaemonThreads.named("school-realm-reconcile")
                    .newThread(this::reconcileAllBehind)
                    .start();
        }
    }

    /** Reconciles every school whose realm is below the current definition; returns how many failed. */
    public int reconcileAllBehind() {
        List<SchoolCode> behind = registry.realmsBehind(SchoolRealmDefinition.VERSION);
        if (behind.isEmpty()) {
            return 0;
        }
        log.info("Reconciling {} school realm(s) to definition {}", behind.size(), SchoolRealmDefinition.VERSION);
        int failed = 0;
        for (SchoolCode code : behind) {
            failed += reconcile(code) ? 0 : 1;
        }
        log.info("School realm reconciliation done: {} of {} failed", failed, behind.size());
        return failed;
    }

    /** Brings one school's realm to the current definition and records it; true on success. */
    public boolean reconcile(SchoolCode code) {
        try {
            SchoolRecord school = registry.find(code).orElseThrow();
            realms.reconcile(school.keycloakCluster(), code, registry.adminOtpRequired(code));
            registry.setRealmVersion(code, SchoolRealmDefinition.VERSION);
            return true;
        } catch (RuntimeException e) {
            log.error("Reconciling the realm of school {} failed", code, e);
            return false;
        }
    }
}
