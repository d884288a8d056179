package cn.campuspass.wechat.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/** Which SMS adapter configuration selects, and that the simulator cannot be active under {@code prod}. */
class SmsConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withBean(JsonMapper.class, () -> JsonMapper.builder().build())
            .withUserConfiguration(SmsConfiguration.class);

    @Test
    void theSimulatorUrlSelectsTheSimulator() {
        runner.withPropertyValues("campuspass.sms.simulator-url=http://127.0.0.1:8380")
                .run(context -> assertThat(context).getBean(SmsSender.class).isInstanceOf(SimulatorSmsSender.class));
    }

    @Test
    void theSimulatorUnderProdFailsStartUp() {
        runner.withPropertyValues("spring.profiles.active=prod", "campuspass.sms.simulator-url=http://127.0.0.1:8380")
                .run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("prod"));
    }

    @Test
    void aliyunKeysSelectAliyunAlsoUnderProd() {
        runner.withPropertyValues(
                        "spring.profiles.active=prod",
                        "campuspass.sms.aliyun.access-key-id=id",
                        "campuspass.sms.aliyun.access-key-secret=secret",
                        "campuspass.sms.aliyun.sign-name=校园人车通",
                        "campuspass.sms.aliyun.template-code=SMS_1")
                .run(context -> assertThat(context).getBean(SmsSender.class).isInstanceOf(AliyunSmsSender.class));
    }

    @Test
    void anAliyunKeyWithoutTheRestFailsStartUp() {
        runner.withPropertyValues("campuspass.sms.aliyun.access-key-id=id")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void nothingConfiguredMeansNoSimulator() {
        runner.run(context -> assertThat(context)
                .getBean(SmsSender.class)
                .isNotInstanceOf(SimulatorSmsSender.class)
                .isNotInstanceOf(AliyunSmsSender.class));
    }
}
