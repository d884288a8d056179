package cn.campuspass.tenant.operator;

import cn.campuspass.platform.school.Identity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.Set;

/** {@code POST /operator/api/schools}: only code, name and the first admin are required. */
public record OnboardSchoolRequest(
        @NotBlank @Pattern(regexp = "^[a-z][a-z0-9]{1,29}$", message = "学校编码须为 2-30 位小写字母或数字，且以字母开头")
        String code,

        @NotBlank @Size(max = 100) String name,
        @NotNull @Valid Admin admin,
        Set<Identity> openIdentities,
        Map<Identity, Boolean> faceUpload,
        Wechat wechat) {

    public record Admin(
            @NotBlank @Size(max = 100) @Pattern(regexp = "^[A-Za-z0-9._@-]+$", message = "账号只能包含字母、数字和 . _ @ -")
            String username,

            @NotBlank String phone,
            @NotBlank @Size(min = 8, max = 64) String password,
            @Size(max = 50) String name) {}

    public record Wechat(String appId, String appSecret, String token, String aesKey) {}
}
