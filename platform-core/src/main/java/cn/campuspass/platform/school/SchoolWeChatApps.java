package cn.campuspass.platform.school;

import java.util.Optional;

/**
 * Which WeChat Official Account a school's portals sign people in with (P5). Implemented by the operator module
 * from the school registry, where the secrets are stored encrypted; cached briefly, so a changed secret is seen
 * within a short delay.
 */
public interface SchoolWeChatApps {

    /** The school's WeChat app, empty when the school has none configured (no WeChat login then). */
    Optional<WeChatApp> appOf(SchoolCode code);
}
