package cn.campuspass.wechat.portal;

import cn.campuspass.access.AccessRules;
import cn.campuspass.access.CampusAccess;
import cn.campuspass.access.DynamicPasses;
import cn.campuspass.access.IssuedPass;
import cn.campuspass.platform.security.OpenTo;
import cn.campuspass.wechat.binding.PortalAccounts;
import cn.campuspass.wechat.binding.RegistrantProfile;
import cn.campuspass.wechat.session.PortalSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in registrant's own pages: profile, access rules (R4.4) and the dynamic pass of a gate (R3). */
@RestController
@RequestMapping("/portal/{school}/api")
@OpenTo(OpenTo.Audience.PORTAL_SESSION)
class PortalMeController {

    private final PortalAccounts accounts;
    private final AccessRules rules;
    private final DynamicPasses passes;

    PortalMeController(PortalAccounts accounts, AccessRules rules, DynamicPasses passes) {
        this.accounts = accounts;
        this.rules = rules;
        this.passes = passes;
    }

    @GetMapping("/me")
    RegistrantProfile me(PortalSession session) {
        return accounts.profile(session);
    }

    record MyAccessRules(List<CampusAccess> campuses) {}

    /** Only what this registrant may pass: the campuses with at least one allowed gate, and those gates. */
    @GetMapping("/me/access-rules")
    MyAccessRules accessRules(PortalSession session) {
        long registrantId = accounts.requireActive(session);
        return new MyAccessRules(rules.rulesOf(registrantId).stream()
                .map(c -> new CampusAccess(
                        c.id(),
                        c.name(),
                        c.enabled(),
                        c.gates().stream()
                                .filter(CampusAccess.GateAccess::allowed)
                                .toList()))
                .filter(c -> !c.gates().isEmpty())
                .toList());
    }

    record PassRequest(
            @NotNull @Positive Long gateId, @NotBlank String signature) {}

    /** A dynamic pass at the gate whose poster link carried {@code signature}. */
    @PostMapping("/passes")
    IssuedPass pass(PortalSession session, @Valid @RequestBody PassRequest request) {
        long registrantId = accounts.requireActive(session);
        return passes.issueFromPoster(registrantId, request.gateId(), request.signature());
    }
}
