package cn.campuspass.wechat.session;

import cn.campuspass.registrant.RegistrantWeChatUnbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * An unbound (or deleted, or disabled) registrant is signed out of every portal session at once. After the
 * publisher's commit when published inside a transaction, at once otherwise. Requests re-check the binding too, so a
 * lost event delays nothing beyond the next request.
 */
@Component
class SignOutOnUnbind {

    private static final Logger log = LoggerFactory.getLogger(SignOutOnUnbind.class);

    private final PortalSessions sessions;

    SignOutOnUnbind(PortalSessions sessions) {
        this.sessions = sessions;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(RegistrantWeChatUnbound event) {
        int dropped = sessions.dropAllOf(event.school(), event.registrantId());
        log.info(
                "Registrant {} of {} unbound from WeChat: {} portal session(s) dropped",
                event.registrantId(),
                event.school(),
                dropped);
    }
}
