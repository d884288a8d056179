package cn.campuspass.tenant.audit;

import cn.campuspass.platform.school.SchoolCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Records who did what to which school, in {@code platform.audit_event}. */
@Component
public class AuditLog {

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(SchoolCode school, String action, String detail) {
        jdbc.sql(
                        "INSERT INTO platform.audit_event (actor, school_code, action, detail) VALUES (:actor, :school, :action, :detail)")
                .param("actor", currentActor())
                .param("school", school == null ? null : school.value())
                .param("action", action)
                .param("detail", detail)
                .update();
    }

    private static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }
}
