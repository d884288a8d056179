package cn.campuspass.tenant.operator;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolSettings;
import cn.campuspass.platform.school.SchoolStatus;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.tenant.TenantError;
import cn.campuspass.tenant.keycloak.CampusSso;
import cn.campuspass.tenant.lifecycle.SchoolLifecycle;
import cn.campuspass.tenant.offboarding.SchoolOffboarding;
import cn.campuspass.tenant.onboarding.SchoolOnboarding;
import cn.campuspass.tenant.registry.SchoolRegistry;
import cn.campuspass.tenant.settings.SchoolSettingsService;
import cn.campuspass.tenant.sso.SchoolSsoService;
import jakarta.validation.Valid;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operator API (P1), also used by the operator console. Requires the platform realm's operator role. */
@RestController
@RequestMapping("/operator/api/schools")
class OperatorSchoolController {

    private final SchoolOnboarding onboarding;
    private final SchoolLifecycle lifecycle;
    private final SchoolOffboarding offboarding;
    private final SchoolSettingsService settings;
    private final SchoolSsoService sso;
    private final SchoolRegistry registry;
    private final SchoolViews views;

    OperatorSchoolController(
            SchoolOnboarding onboarding,
            SchoolLifecycle lifecycle,
            SchoolOffboarding offboarding,
            SchoolSettingsService settings,
            SchoolSsoService sso,
            SchoolRegistry registry,
            SchoolViews views) {
        this.onboarding = onboarding;
        this.lifecycle = lifecycle;
        this.offboarding = offboarding;
        this.settings = settings;
        this.sso = sso;
        this.registry = registry;
        this.views = views;
    }

    @GetMapping
    @RequiresPermission(PlatformPermissions.SCHOOL_VIEW)
    SchoolResponses.SchoolPage list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) SchoolStatus status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        SchoolRegistry.Page result = registry.search(q, status, Math.max(0, page), Math.min(Math.max(1, size), 200));
        return new SchoolResponses.SchoolPage(views.summaries(result.items()), result.total());
    }

    @PostMapping
    @RequiresPermission(PlatformPermissions.SCHOOL_MANAGE)
    ResponseEntity<SchoolResponses.SchoolDetail> onboard(@Valid @RequestBody OnboardSchoolRequest request) {
        SchoolCode code = SchoolCode.of(request.code());
        PhoneNumber phone = PhoneNumber.parse(request.admin().phone())
                .orElseThrow(() -> new ApiException(TenantError.PHONE_INVALID));
        SchoolSettings defaults = SchoolSettings.defaults();
        SchoolSettings initial = new SchoolSettings(
                request.openIdentities() == null ? defaults.openIdentities() : request.openIdentities(),
                request.faceUpload() == null ? defaults.faceRequired() : request.faceUpload(),
                Map.of());
        OnboardSchoolRequest.Wechat wechat = request.wechat();
        onboarding.submit(new SchoolOnboarding.OnboardSchool(
                code,
                request.name().strip(),
                new SchoolOnboarding.AdminAccount(
                        request.admin().username(),
                        request.admin().name() == null
                                ? request.admin().username()
                                : request.admin().name(),
                        phone,
                        request.admin().password()),
                initial,
                wechat == null
                        ? null
                        : new SchoolOnboarding.WechatApp(
                                wechat.appId(), wechat.appSecret(), wechat.token(), wechat.aesKey())));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(views.detail(code));
    }

    @GetMapping("/{code}")
    @RequiresPermission(PlatformPermissions.SCHOOL_VIEW)
    SchoolResponses.SchoolDetail get(@PathVariable String code) {
        return views.detail(parse(code));
    }

    @PostMapping("/{code}/onboarding/retry")
    @RequiresPermission(PlatformPermissions.SCHOOL_MANAGE)
    SchoolResponses.SchoolDetail retry(@PathVariable String code) {
        onboarding.retry(parse(code));
        return views.detail(parse(code));
    }

    @PostMapping("/{code}/suspend")
    @RequiresPermission(PlatformPermissions.SCHOOL_MANAGE)
    SchoolResponses.SchoolDetail suspend(@PathVariable String code) {
        lifecycle.suspend(parse(code));
        return views.detail(parse(code));
    }

    @PostMapping("/{code}/resume")
    @RequiresPermission(PlatformPermissions.SCHOOL_MANAGE)
    SchoolResponses.SchoolDetail resume(@PathVariable String code) {
        lifecycle.resume(parse(code));
        return views.detail(parse(code));
    }

    record OffboardRequest(String confirm) {}

    @PostMapping("/{code}/offboard")
    @RequiresPermission(PlatformPermissions.SCHOOL_MANAGE)
    SchoolResponses.Offboarded offboard(
            @PathVariable String code, @RequestBody(required = false) OffboardRequest body) {
        if (body != null && body.confirm() != null && !body.confirm().equals(code)) {
            throw new ApiException(TenantError.CONFIRMATION_MISMATCH);
        }
        SchoolOffboarding.Result result = offboarding.offboard(parse(code));
        return new SchoolResponses.Offboarded(result.archive(), result.downloadUrl());
    }

    record ConfigRequest(
            Set<cn.campuspass.platform.school.Identity> openIdentities,
            Map<cn.campuspass.platform.school.Identity, Boolean> faceUpload,
            Map<String, Boolean> faceUploadByTeacherType,
            Boolean smsAtFirstBinding) {}

    @PutMapping("/{code}/config")
    @RequiresPermission(PlatformPermissions.SCHOOL_MANAGE)
    SchoolResponses.SchoolDetail config(@PathVariable String code, @RequestBody ConfigRequest request) {
        SchoolCode school = parse(code);
        settings.update(
                school,
                request.openIdentities(),
                request.faceUpload(),
                request.faceUploadByTeacherType(),
                request.smsAtFirstBinding());
        return views.detail(school);
    }

    @PutMapping("/{code}/sso")
    @RequiresPermission(PlatformPermissions.SCHOOL_MANAGE)
    SchoolResponses.SchoolDetail sso(@PathVariable String code, @RequestBody CampusSso.Settings request) {
        SchoolCode school = parse(code);
        sso.configure(school, request);
        return views.detail(school);
    }

    private SchoolCode parse(String code) {
        if (!SchoolCode.isValid(code)) {
            throw new ApiException(PlatformError.SCHOOL_NOT_FOUND, code);
        }
        SchoolCode school = SchoolCode.of(code);
        registry.find(school).orElseThrow(() -> new ApiException(PlatformError.SCHOOL_NOT_FOUND, code));
        return school;
    }
}
