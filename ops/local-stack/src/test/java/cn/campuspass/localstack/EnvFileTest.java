package cn.campuspass.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .local/stack.env} must survive {@code source} in bash, whatever the values hold. */
class EnvFileTest {

    @Test
    void bashReadsBackEveryValueExactly(@TempDir Path dir) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("APP_URL", "http://127.0.0.1:8080");
        env.put("DEMO_GATE_LINK", "http://127.0.0.1:8080/portal/demo/gate/1?s=FV1OLy9a&x=1");
        env.put("DEMO_REGISTRANT", "张三 学生 学号 2026000001");
        env.put("DEMO_GUARD", "guard / 13800000002 密码 Guard@2026");
        env.put("QUOTED", "it's $HOME `date` \"x\"");
        Path file = dir.resolve("stack.env");
        LocalStack.writeEnvFile(file, env);

        StringBuilder script = new StringBuilder("set -e; source '" + file + "'; ");
        env.keySet().forEach(k -> script.append("printf '%s\\n' \"$").append(k).append("\"; "));
        Process bash = new ProcessBuilder("bash", "-c", script.toString()).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor())
                .as(new String(bash.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        assertThat(out.split("\n")).containsExactlyElementsOf(env.values());
        assertThat(Files.readString(file)).contains("APP_URL=http://127.0.0.1:8080\n");
    }
}
