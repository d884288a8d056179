package cn.campuspass.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runs the real Helm (native library bundled by helm-java) against {@code helm/campuspass}: lint, then
 * template with the default values and with {@code ci/production-values.yaml}, parses every rendered
 * document as YAML and checks what a cluster operator relies on.
 */
class HelmChartTest {

    static final Path MODULE_DIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    static final Path CHART = MODULE_DIR.resolve("campuspass");
    static final Path PRODUCTION_VALUES = CHART.resolve("ci/production-values.yaml");
    static final String RELEASE = "campuspass";
    static final String NAMESPACE = "campuspass";
    static final String EXISTING_SECRET = "campuspass-prod-secrets";

    /** The environment variables the application needs, with where they must come from. */
    static final List<String> CONFIG_MAP_VARS = List.of(
            "SPRING_DATASOURCE_URL",
            "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATA_REDIS_HOST",
            "SPRING_DATA_REDIS_PORT",
            "CAMPUSPASS_STORAGE_ENDPOINT",
            "CAMPUSPASS_STORAGE_BUCKET",
            "CAMPUSPASS_KEYCLOAK_URL",
            "CAMPUSPASS_KEYCLOAK_ADMIN_CLIENT_ID",
            "CAMPUSPASS_PUBLIC_URL",
            "CAMPUSPASS_PII_ACTIVE_KEY_ID",
            "SERVER_PORT",
            "MANAGEMENT_SERVER_PORT");

    static final List<String> SECRET_VARS = List.of(
            "SPRING_DATASOURCE_PASSWORD",
            "SPRING_DATA_REDIS_PASSWORD",
            "CAMPUSPASS_STORAGE_ACCESS_KEY",
            "CAMPUSPASS_STORAGE_SECRET_KEY",
            "CAMPUSPASS_KEYCLOAK_ADMIN_CLIENT_SECRET",
            "CAMPUSPASS_GATE_LINK_SECRET",
            "CAMPUSPASS_PII_INDEX_KEY",
            "CAMPUSPASS_PII_KEYS_K1");

    static final List<String> DIRECT_VARS = List.of("SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS");

    static Rendered defaults;
    static Rendered production;

    @BeforeAll
    static void render() throws IOException {
        defaults = Rendered.of(template());
        production = Rendered.of(template().withValuesFile(PRODUCTION_VALUES));
        // Kept for review: target/helm-template-{defaults,production}.yaml
        Path target = Files.createDirectories(MODULE_DIR.resolve("target"));
        Files.writeString(target.resolve("helm-template-defaults.yaml"), defaults.text());
        Files.writeString(target.resolve("helm-template-production.yaml"), production.text());
    }

    static TemplateCommand template() {
        return new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
    }

    // ------------------------------------------------------------------------------------------------
    // Chart metadata and lint
    // ------------------------------------------------------------------------------------------------

    @Test
    void chartMetadata() throws IOException {
        Map<String, Object> chart = loadYaml(CHART.resolve("Chart.yaml"));
        assertThat(chart).containsEntry("apiVersion", "v2").containsEntry("name", "campuspass");
        assertThat(String.valueOf(chart.get("appVersion"))).isEqualTo("0.1.0");
        assertThat(chart).doesNotContainKey("dependencies");
    }

    @Test
    void lintPassesStrictWithDefaultValues() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed())
                .as("helm lint --strict: %s", result.getMessages())
                .isFalse();
    }

    @Test
    void lintPassesStrictWithProductionValues(@TempDir Path tmp) throws IOException {
        // helm-java's lint takes no values file: lint a copy whose values.yaml is values.yaml merged
        // with the production values the way Helm merges them (maps deep, everything else replaced).
        Path copy = tmp.resolve("campuspass");
        copyTree(CHART, copy);
        Map<String, Object> merged = deepMerge(loadYaml(CHART.resolve("values.yaml")), loadYaml(PRODUCTION_VALUES));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.writeString(copy.resolve("values.yaml"), new Yaml(options).dump(merged));

        LintResult result = new Helm(copy).lint().strict().call();
        assertThat(result.isFailed())
                .as("helm lint --strict: %s", result.getMessages())
                .isFalse();
    }

    @Test
    void lintCatchesABrokenChart(@TempDir Path tmp) throws IOException {
        // The lint test must be able to fail: a forgotten nindent renders invalid YAML.
        Path copy = tmp.resolve("campuspass");
        copyTree(CHART, copy);
        Path deployment = copy.resolve("templates/deployment.yaml");
        String text = Files.readString(deployment);
        String broken = text.replace("{{- toYaml .Values.resources | nindent 12 }}", "{{ toYaml .Values.resources }}");
        assertThat(broken).isNotEqualTo(text);
        Files.writeString(deployment, broken);
        LintResult result = new Helm(copy).lint().strict().call();
        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("deployment.yaml");
    }

    // ------------------------------------------------------------------------------------------------
    // Default values
    // ------------------------------------------------------------------------------------------------

    @Nested
    class Defaults {

        @Test
        void rendersTheExpectedObjectsOnly() {
            assertThat(defaults.kinds())
                    .containsExactlyInAnyOrder(
                            "ServiceAccount",
                            "ConfigMap",
                            "Secret",
                            "Service",
                            "Deployment",
                            "PodDisruptionBudget",
                            "NetworkPolicy");
            defaults.docs().forEach(HelmChartTest::assertWellFormed);
        }

        @Test
        void deploymentHasReplicasRollingUpdateAndResources() {
            Map<String, Object> deployment = defaults.one("Deployment", RELEASE);
            assertThat(at(deployment, "spec.replicas")).isEqualTo(2);
            assertThat(at(deployment, "spec.strategy.type")).isEqualTo("RollingUpdate");
            assertThat(at(deployment, "spec.strategy.rollingUpdate.maxUnavailable"))
                    .isEqualTo(0);
            Map<String, Object> container = appContainer(deployment);
            assertThat(container.get("image")).isEqualTo("campuspass/campuspass:0.1.0");
            assertResourcesSet(container);
        }

        @Test
        void probesHitTheActuatorHealthGroupsOnTheManagementPort() {
            Map<String, Object> container = appContainer(defaults.one("Deployment", RELEASE));
            assertThat(at(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
            assertThat(at(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
            assertThat(at(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(containerPort(container, at(container, probe + ".httpGet.port")))
                        .as(probe)
                        .isEqualTo(8081);
            }
            assertThat(map(defaults.one("ConfigMap", RELEASE).get("data")))
                    .containsEntry("SERVER_PORT", "8080")
                    .containsEntry("MANAGEMENT_SERVER_PORT", "8081");
        }

        @Test
        void podIsNonRootWithReadOnlyRootAndWritableTmp() {
            Map<String, Object> deployment = defaults.one("Deployment", RELEASE);
            Map<String, Object> pod = map(at(deployment, "spec.template.spec"));
            assertThat(at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
            assertThat(at(pod, "enableServiceLinks")).isEqualTo(false);
            assertThat(at(pod, "automountServiceAccountToken")).isEqualTo(false);
            Map<String, Object> container = appContainer(deployment);
            assertThat(at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
            assertThat(at(container, "securityContext.allowPrivilegeEscalation"))
                    .isEqualTo(false);
            assertThat(list(at(container, "securityContext.capabilities.drop"))).contains("ALL");
            Map<String, Object> tmpMount = byKey(list(container.get("volumeMounts")), "mountPath", "/tmp");
            Map<String, Object> tmpVolume = byKey(list(pod.get("volumes")), "name", tmpMount.get("name"));
            assertThat(tmpVolume).containsKey("emptyDir");
            assertThat(at(pod, "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution"))
                    .isNotNull();
            assertThat(at(pod, "affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution"))
                    .isNull();
        }

        @Test
        void everyApplicationVariableIsProvidedFromTheRightPlace() {
            Map<String, Object> configMap = defaults.one("ConfigMap", RELEASE);
            assertThat(map(configMap.get("data"))).containsKeys(CONFIG_MAP_VARS.toArray(String[]::new));
            Map<String, Object> container = appContainer(defaults.one("Deployment", RELEASE));
            assertThat(at(container, "envFrom[0].configMapRef.name")).isEqualTo(RELEASE);
            Map<String, Map<String, Object>> env = env(container);
            assertThat(env).containsKeys(SECRET_VARS.toArray(String[]::new));
            assertThat(env).containsKeys(DIRECT_VARS.toArray(String[]::new));
            Map<String, Object> secret = defaults.one("Secret", RELEASE);
            for (String var : SECRET_VARS) {
                Map<String, Object> ref = map(at(env.get(var), "valueFrom.secretKeyRef"));
                assertThat(ref.get("name")).as(var).isEqualTo(RELEASE);
                assertThat(map(secret.get("data"))).as(var).containsKey((String) ref.get("key"));
                assertThat(env.get(var)).as(var).doesNotContainKey("value");
            }
            assertThat(String.valueOf(env.get("JAVA_TOOL_OPTIONS").get("value")))
                    .contains("-XX:MaxRAMPercentage=70");
        }

        @Test
        void profileIsProdAndWeChatIsReal() {
            assertOnlyProdProfile(defaults);
            assertThat(allEnvNames(defaults)).noneMatch(n -> n.startsWith("CAMPUSPASS_WECHAT") || n.contains("SMS"));
            assertThat(defaults.text().toLowerCase()).doesNotContain("simulator");
        }

        @Test
        void checksumAnnotationsRollThePodsOnConfigAndSecretChanges() {
            Map<String, Object> annotations = podAnnotations(defaults.one("Deployment", RELEASE));
            assertThat(annotations).containsKeys("checksum/config", "checksum/secret");

            Map<String, Object> configChanged = podAnnotations(
                    Rendered.of(template().set("database.url", "jdbc:postgresql://other:5432/campuspass"))
                            .one("Deployment", RELEASE));
            assertThat(configChanged.get("checksum/config")).isNotEqualTo(annotations.get("checksum/config"));
            assertThat(configChanged.get("checksum/secret")).isEqualTo(annotations.get("checksum/secret"));

            Map<String, Object> secretChanged = podAnnotations(
                    Rendered.of(template().set("database.password", "changed")).one("Deployment", RELEASE));
            assertThat(secretChanged.get("checksum/secret")).isNotEqualTo(annotations.get("checksum/secret"));
            assertThat(secretChanged.get("checksum/config")).isEqualTo(annotations.get("checksum/config"));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Production-like values
    // ------------------------------------------------------------------------------------------------

    @Nested
    class Production {

        @Test
        void rendersIngressHpaServiceMonitorsAndKeycloakButNoSecret() {
            production.docs().forEach(HelmChartTest::assertWellFormed);
            assertThat(production.kinds())
                    .contains("Ingress", "HorizontalPodAutoscaler", "ServiceMonitor", "PodDisruptionBudget")
                    .doesNotContain("Secret");
            assertThat(production.all("Deployment"))
                    .extracting(d -> at(d, "metadata.name"))
                    .containsExactlyInAnyOrder(RELEASE, RELEASE + "-keycloak");
            assertThat(production.all("ServiceMonitor")).hasSize(2);
        }

        @Test
        void existingSecretIsReferencedNeverInlined() {
            List<Map<String, Object>> refs = new ArrayList<>();
            for (Map<String, Object> deployment : production.all("Deployment")) {
                for (Map<String, Object> c : allContainers(deployment)) {
                    for (Map<String, Object> e : env(c).values()) {
                        Object ref = at(e, "valueFrom.secretKeyRef");
                        if (ref != null) {
                            refs.add(map(ref));
                        }
                    }
                }
            }
            assertThat(refs)
                    .isNotEmpty()
                    .allSatisfy(ref -> assertThat(ref.get("name")).isEqualTo(EXISTING_SECRET));
            Map<String, Map<String, Object>> env = env(appContainer(production.one("Deployment", RELEASE)));
            for (String var : SECRET_VARS) {
                assertThat(at(env.get(var), "valueFrom.secretKeyRef.name"))
                        .as(var)
                        .isEqualTo(EXISTING_SECRET);
            }
            assertThat(map(production.one("ConfigMap", RELEASE).get("data")).keySet())
                    .noneMatch(SECRET_VARS::contains);
            // Without a chart-managed Secret there is nothing to checksum.
            assertThat(podAnnotations(production.one("Deployment", RELEASE)))
                    .containsKey("checksum/config")
                    .doesNotContainKey("checksum/secret");
        }

        @Test
        void ingressRoutesTheHostWithTlsToTheHttpPort() {
            Map<String, Object> ingress = production.one("Ingress", RELEASE);
            assertThat(at(ingress, "spec.ingressClassName")).isEqualTo("nginx");
            assertThat(map(at(ingress, "metadata.annotations")))
                    .containsEntry("cert-manager.io/cluster-issuer", "campus-ca");
            assertThat(at(ingress, "spec.rules[0].host")).isEqualTo("pass.example.edu.cn");
            assertThat(at(ingress, "spec.tls[0].secretName")).isEqualTo("pass-example-edu-cn-tls");
            assertThat(list(at(ingress, "spec.tls[0].hosts"))).containsExactly("pass.example.edu.cn");
            Map<String, Object> backend = map(at(ingress, "spec.rules[0].http.paths[0].backend.service"));
            assertThat(backend.get("name")).isEqualTo(RELEASE);
            assertThat(at(backend, "port.name")).isEqualTo("http");
            Map<String, Object> service = production.one("Service", RELEASE);
            assertThat(byKey(list(at(service, "spec.ports")), "name", "http")).containsEntry("targetPort", "http");
            assertThat(map(at(service, "spec.selector")))
                    .isEqualTo(map(at(production.one("Deployment", RELEASE), "spec.selector.matchLabels")));
            Map<String, Object> data = map(production.one("ConfigMap", RELEASE).get("data"));
            assertThat(data)
                    .containsEntry("CAMPUSPASS_PUBLIC_URL", "https://pass.example.edu.cn")
                    .containsEntry("CAMPUSPASS_KEYCLOAK_URL", "https://id.example.edu.cn");
        }

        @Test
        void hpaOwnsTheReplicaCount() {
            Map<String, Object> deployment = production.one("Deployment", RELEASE);
            assertThat(map(deployment.get("spec"))).doesNotContainKey("replicas");
            Map<String, Object> hpa = production.one("HorizontalPodAutoscaler", RELEASE);
            assertThat(at(hpa, "apiVersion")).isEqualTo("autoscaling/v2");
            assertThat(at(hpa, "spec.scaleTargetRef.name")).isEqualTo(RELEASE);
            assertThat(at(hpa, "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
            assertThat(at(hpa, "spec.minReplicas")).isEqualTo(3);
            assertThat(at(hpa, "spec.maxReplicas")).isEqualTo(10);
            assertThat(at(hpa, "spec.metrics[0].resource.target.averageUtilization"))
                    .isEqualTo(65);
        }

        @Test
        void applicationDeploymentInProduction() {
            Map<String, Object> deployment = production.one("Deployment", RELEASE);
            Map<String, Object> container = appContainer(deployment);
            assertThat(container.get("image"))
                    .isEqualTo("harbor.example.edu.cn/campuspass-mirror/campuspass/campuspass:0.1.0");
            assertThat(list(at(deployment, "spec.template.spec.imagePullSecrets")))
                    .containsExactly(Map.of("name", "harbor-pull"));
            assertResourcesSet(container);
            assertThat(at(container, "resources.limits.memory")).isEqualTo("2Gi");
            assertThat(at(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
            assertThat(at(container, "lifecycle.preStop.sleep.seconds")).isEqualTo(10);
            assertOnlyProdProfile(production);
            assertThat(allEnvNames(production)).noneMatch(n -> n.startsWith("CAMPUSPASS_WECHAT"));
            assertThat(production.text().toLowerCase()).doesNotContain("simulator");
        }

        @Test
        void serviceMonitorScrapesActuatorPrometheus() {
            Map<String, Object> sm = production.one("ServiceMonitor", RELEASE);
            assertThat(at(sm, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
            assertThat(map(at(sm, "metadata.labels"))).containsEntry("release", "kube-prometheus-stack");
            assertThat(at(sm, "spec.endpoints[0].path")).isEqualTo("/actuator/prometheus");
            assertThat(at(sm, "spec.endpoints[0].port")).isEqualTo("management");
            Map<String, Object> serviceLabels = map(at(production.one("Service", RELEASE), "metadata.labels"));
            assertThat(serviceLabels).containsAllEntriesOf(map(at(sm, "spec.selector.matchLabels")));
            Map<String, Object> kcServiceLabels =
                    map(at(production.one("Service", RELEASE + "-keycloak"), "metadata.labels"));
            assertThat(kcServiceLabels
                            .entrySet()
                            .containsAll(
                                    map(at(sm, "spec.selector.matchLabels")).entrySet()))
                    .as("the app's ServiceMonitor must not select the Keycloak Service")
                    .isFalse();
            Map<String, Object> kcSm = production.one("ServiceMonitor", RELEASE + "-keycloak");
            assertThat(at(kcSm, "spec.endpoints[0].path")).isEqualTo("/metrics");
            assertThat(at(kcSm, "spec.endpoints[0].port")).isEqualTo("management");
        }

        @Test
        void keycloakBuildsWithTheExtensionThenStartsOptimized() {
            Map<String, Object> kc = production.one("Deployment", RELEASE + "-keycloak");
            Map<String, Object> pod = map(at(kc, "spec.template.spec"));
            assertThat(at(kc, "spec.replicas")).isEqualTo(3);
            List<Map<String, Object>> inits = maps(pod.get("initContainers"));
            assertThat(inits)
                    .extracting(c -> c.get("name"))
                    .containsExactly("install-extension", "seed-build-dir", "build");

            Map<String, Object> install = inits.get(0);
            assertThat(install.get("image"))
                    .isEqualTo("harbor.example.edu.cn/campuspass-mirror/campuspass/keycloak-extension:0.1.0");
            assertThat(byKey(list(install.get("volumeMounts")), "mountPath", "/opt/keycloak/providers"))
                    .containsEntry("name", "providers");

            String kcImage = "harbor.example.edu.cn/campuspass-mirror/keycloak/keycloak:26.5.6";
            Map<String, Object> build = inits.get(2);
            assertThat(build.get("image")).isEqualTo(kcImage);
            assertThat(list(build.get("args"))).startsWith("build").contains("--db=postgres", "--health-enabled=true");

            Map<String, Object> server = maps(pod.get("containers")).get(0);
            assertThat(server.get("image")).isEqualTo(kcImage);
            assertThat(list(server.get("args"))).containsExactly("start", "--optimized", "--import-realm");
            List<Object> mounts = list(server.get("volumeMounts"));
            assertThat(byKey(mounts, "mountPath", "/opt/keycloak/providers")).containsEntry("name", "providers");
            assertThat(byKey(mounts, "mountPath", "/opt/keycloak/lib/quarkus")).containsEntry("name", "quarkus");
            assertThat(byKey(list(build.get("volumeMounts")), "mountPath", "/opt/keycloak/lib/quarkus"))
                    .containsEntry("name", "quarkus");

            Map<String, Map<String, Object>> env = env(server);
            assertThat(env.get("KC_DB_URL"))
                    .containsEntry("value", "jdbc:postgresql://pg-primary.db.svc:5432/keycloak");
            assertThat(env.get("KC_HOSTNAME")).containsEntry("value", "https://id.example.edu.cn");
            assertThat(at(env.get("KC_DB_PASSWORD"), "valueFrom.secretKeyRef.name"))
                    .isEqualTo(EXISTING_SECRET);
            assertThat(at(server, "readinessProbe.httpGet.path")).isEqualTo("/health/ready");
            assertThat(at(server, "livenessProbe.httpGet.path")).isEqualTo("/health/live");
            assertThat(at(server, "startupProbe.httpGet.path")).isEqualTo("/health/started");
            assertThat(containerPort(server, at(server, "readinessProbe.httpGet.port")))
                    .isEqualTo(9000);
            assertResourcesSet(server);
            for (Map<String, Object> c : allContainers(kc)) {
                assertThat(at(c, "securityContext.readOnlyRootFilesystem"))
                        .as(String.valueOf(c.get("name")))
                        .isEqualTo(true);
            }
            Map<String, Object> ingress = production.one("Ingress", RELEASE + "-keycloak");
            assertThat(at(ingress, "spec.rules[0].host")).isEqualTo("id.example.edu.cn");
            assertThat(at(ingress, "spec.rules[0].http.paths[0].backend.service.port.name"))
                    .isEqualTo("http");
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Options and guards
    // ------------------------------------------------------------------------------------------------

    @Nested
    class OptionsAndGuards {

        @Test
        void profileCannotBeChangedThroughExtraEnvConfigOrJvmOptions() {
            assertRenderFails(
                    t -> t.set("extraEnv[0].name", "SPRING_PROFILES_ACTIVE").set("extraEnv[0].value", "dev"),
                    "SPRING_PROFILES_ACTIVE");
            assertRenderFails(t -> t.set("config.extra.SPRING_PROFILES_INCLUDE", "local"), "SPRING_PROFILES_INCLUDE");
            assertRenderFails(t -> t.set("jvm.extraOptions", "-Dspring.profiles.active=dev"), "jvm.extraOptions");
        }

        @Test
        void weChatCanOnlyBeRedirectedThroughWechatApiBase() {
            assertRenderFails(
                    t -> t.set("config.extra.CAMPUSPASS_WECHAT_API_BASE", "http://wechat-sim:9000"),
                    "CAMPUSPASS_WECHAT_API_BASE");
            assertRenderFails(
                    t -> t.set("extraEnv[0].name", "CAMPUSPASS_SMS_API_BASE").set("extraEnv[0].value", "http://sim"),
                    "CAMPUSPASS_SMS_API_BASE");
            Rendered redirected = Rendered.of(template().set("wechat.apiBase", "http://wechat-sim.test:9000"));
            assertThat(map(redirected.one("ConfigMap", RELEASE).get("data")))
                    .containsEntry("CAMPUSPASS_WECHAT_API_BASE", "http://wechat-sim.test:9000");
            assertOnlyProdProfile(redirected);
        }

        @Test
        void piiKeyRingKeysMustBeAesKeysAndTheActiveOneMustExist() {
            String short16 = Base64.getEncoder().encodeToString(new byte[16]);
            assertRenderFails(t -> t.set("pii.keys.k1", "bm90LWEta2V5"), "pii.keys.k1");
            assertRenderFails(t -> t.set("pii.keys.k1", short16), "pii.keys.k1");
            assertRenderFails(t -> t.set("pii.indexKey", short16), "pii.indexKey");
            assertRenderFails(t -> t.set("gateLink.secret", short16), "gateLink.secret");
            String k1 = Base64.getEncoder().encodeToString(new byte[32]);
            String k2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
            assertRenderFails(t -> t.set("pii.keys.k1", k1).set("pii.activeKeyId", "k9"), "pii.activeKeyId");

            // Rotation: two data keys, the newer one active; each its own Secret key and variable.
            Rendered ok = Rendered.of(
                    template().set("pii.keys.k1", k1).set("pii.keys.k2", k2).set("pii.activeKeyId", "k2"));
            Map<String, Object> data = map(ok.one("Secret", RELEASE).get("data"));
            assertThat(new String(Base64.getDecoder().decode((String) data.get("pii-key-k2")), StandardCharsets.UTF_8))
                    .isEqualTo(k2);
            Map<String, Map<String, Object>> env = env(appContainer(ok.one("Deployment", RELEASE)));
            assertThat(at(env.get("CAMPUSPASS_PII_KEYS_K1"), "valueFrom.secretKeyRef.key"))
                    .isEqualTo("pii-key-k1");
            assertThat(at(env.get("CAMPUSPASS_PII_KEYS_K2"), "valueFrom.secretKeyRef.key"))
                    .isEqualTo("pii-key-k2");
            assertThat(map(ok.one("ConfigMap", RELEASE).get("data")))
                    .containsEntry("CAMPUSPASS_PII_ACTIVE_KEY_ID", "k2");
            // The single key of the past is gone from the chart.
            assertThat(ok.text()).doesNotContain("CAMPUSPASS_PII_KEY\n").doesNotContain("pii-key:");
            assertThat(allEnvNames(ok)).doesNotContain("CAMPUSPASS_PII_KEY");
        }

        @Test
        void schemaRejectsUnknownAndMistypedValues() {
            assertRenderFails(t -> t.set("replicaCont", 3), "replicaCont");
            assertRenderFails(t -> t.set("keycloak.url", "id.example.edu.cn"), "keycloak");
            assertRenderFails(t -> t.set("podAntiAffinity", "sometimes"), "podAntiAffinity");
        }

        @Test
        void managementPortKeepsActuatorOffTheIngress() {
            assertRenderFails(t -> t.set("management.port", 8080), "management.port");
            Rendered r = production;
            Map<String, Object> container = appContainer(r.one("Deployment", RELEASE));
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(containerPort(container, at(container, probe + ".httpGet.port")))
                        .as(probe)
                        .isEqualTo(8081);
            }
            assertThat(map(r.one("ConfigMap", RELEASE).get("data"))).containsEntry("MANAGEMENT_SERVER_PORT", "8081");
            assertThat(at(r.one("ServiceMonitor", RELEASE), "spec.endpoints[0].port"))
                    .isEqualTo("management");
            assertThat(at(r.one("Ingress", RELEASE), "spec.rules[0].http.paths[0].backend.service.port.name"))
                    .isEqualTo("http");
        }

        @Test
        void singleReplicaHasNoDisruptionBudget() {
            Rendered r = Rendered.of(template().set("replicaCount", 1));
            assertThat(r.kinds()).doesNotContain("PodDisruptionBudget");
            assertThat(at(r.one("Deployment", RELEASE), "spec.replicas")).isEqualTo(1);
            assertThat(defaults.one("PodDisruptionBudget", RELEASE)).isNotNull();
        }

        @Test
        void prebuiltKeycloakImageNeedsNoInitContainers() {
            Rendered r = Rendered.of(template()
                    .withValuesFile(PRODUCTION_VALUES)
                    .set("keycloak.deploy.prebuilt", true)
                    .set("keycloak.deploy.image.repository", "campuspass/keycloak"));
            Map<String, Object> kc = r.one("Deployment", RELEASE + "-keycloak");
            assertThat(map(at(kc, "spec.template.spec"))).doesNotContainKey("initContainers");
            assertThat(list(at(kc, "spec.template.spec.containers[0].volumeMounts")))
                    .noneMatch(m -> "/opt/keycloak/lib/quarkus".equals(map(m).get("mountPath")));
        }

        @Test
        void furtherKeycloakClustersBecomeClusterVariables() {
            Rendered r = Rendered.of(template()
                    .set("keycloak.url", "https://id.example.edu.cn/")
                    .set("keycloak.clusters.east", "https://id-east.example.edu.cn/"));
            assertThat(map(r.one("ConfigMap", RELEASE).get("data")))
                    .containsEntry("CAMPUSPASS_KEYCLOAK_URL", "https://id.example.edu.cn")
                    .containsEntry("CAMPUSPASS_KEYCLOAK_CLUSTERS_EAST", "https://id-east.example.edu.cn");
            assertRenderFails(t -> t.set("keycloak.clusters.main", "https://other.example.edu.cn"), "main");
        }

        @Test
        void keycloakDeploymentNeedsADatabase() {
            assertRenderFails(
                    t -> t.set("keycloak.deploy.enabled", true)
                            .set("keycloak.url", "https://id.example.edu.cn")
                            .set("publicUrl", "https://pass.example.edu.cn"),
                    "keycloak.deploy.database.url");
            assertRenderFails(
                    t -> t.set("keycloak.deploy.enabled", true)
                            .set("keycloak.url", "https://id.example.edu.cn")
                            .set("keycloak.deploy.database.url", "jdbc:postgresql://pg:5432/keycloak"),
                    "exact redirect URI");
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Security posture (issue 7 item 9)
    // ------------------------------------------------------------------------------------------------

    @Nested
    class SecurityPosture {

        @Test
        void keycloakIngressExposesOnlyThePlatformsRealmsAndResources() {
            Map<String, Object> ingress = production.one("Ingress", RELEASE + "-keycloak");
            assertThat(map(at(ingress, "metadata.annotations")))
                    .containsEntry("nginx.ingress.kubernetes.io/use-regex", "true");
            List<Map<String, Object>> paths = maps(at(ingress, "spec.rules[0].http.paths"));
            assertThat(paths).hasSize(2);
            String realms = (String) paths.get(0).get("path");
            assertThat(paths.get(0)).containsEntry("pathType", "ImplementationSpecific");
            assertThat(paths.get(1)).containsEntry("path", "/resources/").containsEntry("pathType", "Prefix");
            // ingress-nginx anchors the location regex at the start of the path, as this does.
            java.util.regex.Pattern routed = java.util.regex.Pattern.compile("^" + realms);
            for (String served : List.of(
                    "/realms/platform/protocol/openid-connect/auth",
                    "/realms/platform/.well-known/openid-configuration",
                    "/realms/school-pku/protocol/openid-connect/token",
                    "/realms/school-demo2/login-actions/authenticate")) {
                assertThat(routed.matcher(served).find()).as(served).isTrue();
            }
            for (String hidden : List.of(
                    "/admin/master/console/",
                    "/admin/realms/platform/users",
                    "/realms/master/protocol/openid-connect/token",
                    "/realms/platformx/account",
                    "/realms/school-/account",
                    "/metrics",
                    "/health/ready")) {
                assertThat(routed.matcher(hidden).find() || hidden.startsWith("/resources/"))
                        .as(hidden)
                        .isFalse();
            }
            assertThat(production.all("Ingress"))
                    .extracting(i -> at(i, "metadata.name"))
                    .as("no admin ingress unless asked for")
                    .containsExactlyInAnyOrder(RELEASE, RELEASE + "-keycloak");

            // Controllers without regular expressions: one Prefix path per listed realm, never the master realm.
            Rendered prefix = Rendered.of(
                    template().withValuesFile(PRODUCTION_VALUES).set("keycloak.deploy.ingress.pathMatching", "prefix"));
            assertThat(maps(at(prefix.one("Ingress", RELEASE + "-keycloak"), "spec.rules[0].http.paths")))
                    .extracting(p -> p.get("path"))
                    .containsExactly("/realms/platform", "/resources/");
            assertRenderFails(
                    t -> t.withValuesFile(PRODUCTION_VALUES)
                            .set("keycloak.deploy.ingress.pathMatching", "prefix")
                            .set("keycloak.deploy.ingress.realms[0]", "master"),
                    "realms");
        }

        @Test
        void adminConsoleOnlyOnASeparateInternalHost() {
            Map<String, Map<String, Object>> env =
                    env(maps(at(production.one("Deployment", RELEASE + "-keycloak"), "spec.template.spec.containers"))
                            .get(0));
            assertThat(env).doesNotContainKey("KC_HOSTNAME_ADMIN");

            Rendered admin = Rendered.of(template()
                    .withValuesFile(PRODUCTION_VALUES)
                    .set("keycloak.deploy.adminIngress.enabled", true)
                    .set("keycloak.deploy.adminIngress.className", "nginx-internal")
                    .set("keycloak.deploy.adminIngress.host", "id-admin.internal.example.edu.cn"));
            Map<String, Object> ingress = admin.one("Ingress", RELEASE + "-keycloak-admin");
            assertThat(at(ingress, "spec.ingressClassName")).isEqualTo("nginx-internal");
            assertThat(at(ingress, "spec.rules[0].host")).isEqualTo("id-admin.internal.example.edu.cn");
            Map<String, Map<String, Object>> adminEnv =
                    env(maps(at(admin.one("Deployment", RELEASE + "-keycloak"), "spec.template.spec.containers"))
                            .get(0));
            assertThat(adminEnv.get("KC_HOSTNAME_ADMIN"))
                    .containsEntry("value", "http://id-admin.internal.example.edu.cn");
            // The public ingress still routes no /admin.
            assertThat(maps(at(admin.one("Ingress", RELEASE + "-keycloak"), "spec.rules[0].http.paths")))
                    .noneMatch(p -> String.valueOf(p.get("path")).startsWith("/admin"));
            assertRenderFails(
                    t -> t.withValuesFile(PRODUCTION_VALUES)
                            .set("keycloak.deploy.adminIngress.enabled", true)
                            .set("keycloak.deploy.adminIngress.host", "id.example.edu.cn"),
                    "must differ");
        }

        @Test
        void productionPlatformRealmIsImportedAsCode() {
            Map<String, Object> configMap = production.one("ConfigMap", RELEASE + "-keycloak-realm");
            Map<String, Object> realm = map(new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load((String) map(configMap.get("data")).get("platform-realm.json")));
            assertThat(realm)
                    .containsEntry("realm", "platform")
                    .containsEntry("sslRequired", "all")
                    .containsEntry("bruteForceProtected", true)
                    .containsEntry("permanentLockout", false)
                    .containsEntry("failureFactor", 5)
                    .containsEntry("revokeRefreshToken", true)
                    .containsEntry("refreshTokenMaxReuse", 0)
                    .containsEntry("registrationAllowed", false);
            assertThat((String) realm.get("passwordPolicy"))
                    .contains("length(12)", "upperCase(1)", "lowerCase(1)", "digits(1)", "specialChars(1)")
                    .contains("notUsername", "passwordHistory(5)");
            assertThat(maps(realm.get("requiredActions")))
                    .anySatisfy(a -> assertThat(a)
                            .containsEntry("alias", "CONFIGURE_TOTP")
                            .containsEntry("defaultAction", true));
            List<Map<String, Object>> clients = maps(realm.get("clients"));
            Map<String, Object> console = byKey(new ArrayList<>(clients), "clientId", "operator-console");
            assertThat(console)
                    .containsEntry("publicClient", true)
                    .containsEntry("directAccessGrantsEnabled", false)
                    .containsEntry("implicitFlowEnabled", false);
            assertThat(list(console.get("redirectUris"))).containsExactly("https://pass.example.edu.cn/operator/");
            assertThat(list(console.get("webOrigins"))).containsExactly("https://pass.example.edu.cn");
            assertThat(map(console.get("attributes")))
                    .containsEntry("pkce.code.challenge.method", "S256")
                    .containsEntry("post.logout.redirect.uris", "https://pass.example.edu.cn/operator/");
            for (Map<String, Object> client : clients) {
                assertThat(client.get("directAccessGrantsEnabled"))
                        .as("%s", client.get("clientId"))
                        .isEqualTo(false);
                Object uris = client.get("redirectUris");
                if (uris != null) {
                    assertThat(list(uris)).noneMatch(u -> String.valueOf(u).contains("*"));
                }
            }
            // The machine client's secret is not in the chart: Keycloak reads it from the Secret at import.
            Map<String, Object> api = byKey(new ArrayList<>(clients), "clientId", "operator-api");
            assertThat(api.get("secret")).isEqualTo("${CAMPUSPASS_OPERATOR_API_SECRET}");
            Map<String, Object> kc = production.one("Deployment", RELEASE + "-keycloak");
            Map<String, Object> server =
                    maps(at(kc, "spec.template.spec.containers")).get(0);
            assertThat(list(server.get("args"))).containsExactly("start", "--optimized", "--import-realm");
            assertThat(at(env(server).get("CAMPUSPASS_OPERATOR_API_SECRET"), "valueFrom.secretKeyRef.name"))
                    .isEqualTo(EXISTING_SECRET);
            assertThat(byKey(list(server.get("volumeMounts")), "mountPath", "/opt/keycloak/data/import"))
                    .containsEntry("name", "realm");
            assertThat(podAnnotations(kc)).containsKey("checksum/realm");
            // The local realm (ops/local-stack) is the only one with wildcards and no TLS requirement.
            assertThat(production.text()).doesNotContain("\"sslRequired\": \"none\"");
        }

        @Test
        void actuatorIsOnlyOnTheManagementPortAndNeverRouted() {
            for (Rendered r : List.of(defaults, production)) {
                Map<String, Object> data = map(r.one("ConfigMap", RELEASE).get("data"));
                assertThat(data.get("MANAGEMENT_SERVER_PORT")).isNotEqualTo(data.get("SERVER_PORT"));
                Map<String, Object> container = appContainer(r.one("Deployment", RELEASE));
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    assertThat(at(container, probe + ".httpGet.port")).as(probe).isEqualTo("management");
                }
                assertThat(containerPort(container, "management"))
                        .isEqualTo(Integer.parseInt((String) data.get("MANAGEMENT_SERVER_PORT")));
            }
            assertThat(at(production.one("ServiceMonitor", RELEASE), "spec.endpoints[0].port"))
                    .isEqualTo("management");
            for (Map<String, Object> ingress : production.all("Ingress")) {
                for (Map<String, Object> rule : maps(at(ingress, "spec.rules"))) {
                    for (Map<String, Object> path : maps(at(rule, "http.paths"))) {
                        assertThat(at(path, "backend.service.port.name")).isEqualTo("http");
                    }
                }
            }
        }

        @Test
        void networkPoliciesAdmitOnlyTheIngressControllerAndMonitoring() {
            Map<String, Object> app = production.one("NetworkPolicy", RELEASE);
            assertThat(map(at(app, "spec.podSelector.matchLabels")))
                    .isEqualTo(map(at(production.one("Deployment", RELEASE), "spec.selector.matchLabels")));
            assertThat(list(at(app, "spec.policyTypes"))).containsExactly("Ingress", "Egress");
            List<Map<String, Object>> ingress = maps(at(app, "spec.ingress"));
            assertThat(ingress).hasSize(2);
            assertThat(at(ingress.get(0), "ports[0].port")).isEqualTo("http");
            assertThat(at(ingress.get(0), "from[0].namespaceSelector.matchLabels"))
                    .isEqualTo(Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
            assertThat(at(ingress.get(1), "ports[0].port")).isEqualTo("management");
            assertThat(at(ingress.get(1), "from[0].namespaceSelector.matchLabels"))
                    .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
            List<Object> egressPorts = new ArrayList<>();
            for (Map<String, Object> rule : maps(at(app, "spec.egress"))) {
                maps(rule.get("ports")).forEach(p -> egressPorts.add(p.get("port")));
            }
            assertThat(egressPorts).contains(53, 5432, 6379, 9000, 443, 8080);
            Map<String, Object> internet = maps(at(app, "spec.egress")).stream()
                    .filter(r -> at(r, "to[0].ipBlock") != null)
                    .findFirst()
                    .orElseThrow();
            assertThat(list(at(internet, "to[0].ipBlock.except"))).contains("10.0.0.0/8", "192.168.0.0/16");

            Map<String, Object> kc = production.one("NetworkPolicy", RELEASE + "-keycloak");
            List<Map<String, Object>> kcIngress = maps(at(kc, "spec.ingress"));
            assertThat(at(kcIngress.get(0), "ports[0].port")).isEqualTo("http");
            assertThat(list(at(kcIngress.get(0), "from")))
                    .anySatisfy(peer -> assertThat(at(peer, "podSelector.matchLabels"))
                            .isEqualTo(map(at(production.one("Deployment", RELEASE), "spec.selector.matchLabels"))));
            assertThat(at(kcIngress.get(1), "ports[0].port")).isEqualTo("management");

            assertThat(Rendered.of(template().set("networkPolicy.enabled", false))
                            .kinds())
                    .doesNotContain("NetworkPolicy");
        }

        @Test
        void redisAuthAndTlsReachTheAppsEnvironment() {
            Map<String, Map<String, Object>> env = env(appContainer(production.one("Deployment", RELEASE)));
            assertThat(at(env.get("SPRING_DATA_REDIS_PASSWORD"), "valueFrom.secretKeyRef"))
                    .isEqualTo(Map.of("name", EXISTING_SECRET, "key", "redis-password"));

            Rendered tls = Rendered.of(template()
                    .withValuesFile(PRODUCTION_VALUES)
                    .set("redis.auth.username", "campuspass")
                    .set("redis.tls.enabled", true)
                    .set("redis.tls.caSecret", "redis-ca"));
            Map<String, Object> data = map(tls.one("ConfigMap", RELEASE).get("data"));
            assertThat(data)
                    .containsEntry("SPRING_DATA_REDIS_SSL_ENABLED", "true")
                    .containsEntry("SPRING_DATA_REDIS_USERNAME", "campuspass")
                    .containsEntry("SPRING_DATA_REDIS_SSL_BUNDLE", "redis")
                    .containsEntry(
                            "SPRING_SSL_BUNDLE_PEM_REDIS_TRUSTSTORE_CERTIFICATE",
                            "file:/etc/campuspass/redis-ca/ca.crt");
            Map<String, Object> deployment = tls.one("Deployment", RELEASE);
            assertThat(byKey(
                            list(appContainer(deployment).get("volumeMounts")),
                            "mountPath",
                            "/etc/campuspass/redis-ca"))
                    .containsEntry("readOnly", true);
            assertThat(byKey(list(at(deployment, "spec.template.spec.volumes")), "name", "redis-ca"))
                    .extracting(v -> at(v, "secret.secretName"))
                    .isEqualTo("redis-ca");

            Rendered noAuth = Rendered.of(template().set("redis.auth.enabled", false));
            assertThat(env(appContainer(noAuth.one("Deployment", RELEASE))))
                    .doesNotContainKey("SPRING_DATA_REDIS_PASSWORD");
            assertRenderFails(t -> t.set("redis.tls.caSecret", "redis-ca"), "redis.tls.enabled");
        }
    }

    // ------------------------------------------------------------------------------------------------
    // NOTES.txt and documentation
    // ------------------------------------------------------------------------------------------------

    @Test
    void notesListMissingValuesAndWarnAboutARedirectedWeChat() {
        String notes = notes(install());
        assertThat(notes)
                .contains("Profile: prod", "WeChat: real WeChat API", "required values are empty")
                .contains("- database.url", "- pii.keys.k1", "- pii.indexKey", "- gateLink.secret", "- keycloak.url");

        String prod = notes(install().withValuesFile(PRODUCTION_VALUES));
        assertThat(prod)
                .contains("Public URL: https://pass.example.edu.cn", "Keycloak: https://id.example.edu.cn")
                .contains("existing Secret \"" + EXISTING_SECRET + "\"", "Replicas: 3-10")
                .doesNotContain("required values are empty");

        String redirected = notes(install().set("wechat.apiBase", "http://wechat-sim.test:9000"));
        assertThat(redirected).contains("NOT the real WeChat").doesNotContain("WeChat: real WeChat API");
    }

    static InstallCommand install() {
        return new Helm(CHART)
                .install()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .dryRun()
                .withDryRunOption(DryRun.CLIENT)
                .clientOnly();
    }

    static String notes(InstallCommand install) {
        Release release = install.call();
        return release.getOutput();
    }

    // ------------------------------------------------------------------------------------------------
    // Documentation
    // ------------------------------------------------------------------------------------------------

    @Test
    void everyVariableIsDocumentedInValuesAndReadme() throws IOException {
        String values = Files.readString(CHART.resolve("values.yaml"));
        String readme = Files.readString(MODULE_DIR.resolve("README.md"));
        List<String> all = Stream.of(CONFIG_MAP_VARS, SECRET_VARS, DIRECT_VARS)
                .flatMap(List::stream)
                .toList();
        for (String var : all) {
            assertThat(readme).as("README.md documents %s", var).contains(var);
        }
        for (String var :
                Stream.of(CONFIG_MAP_VARS, SECRET_VARS).flatMap(List::stream).toList()) {
            assertThat(values).as("values.yaml documents %s", var).contains(var);
        }
        assertThat(readme).contains("wechat.apiBase", "existingSecret", "few hundred realms");
    }

    // ------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------

    /** The rendered manifests: the raw text and every document parsed. */
    record Rendered(String text, List<Map<String, Object>> docs) {

        static Rendered of(TemplateCommand command) {
            String text = command.call();
            List<Map<String, Object>> docs = new ArrayList<>();
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
                if (doc == null) {
                    continue; // an empty document (template rendered nothing)
                }
                assertThat(doc).as("every rendered document is a YAML mapping").isInstanceOf(Map.class);
                docs.add(map(doc));
            }
            assertThat(docs).as("rendered documents").isNotEmpty();
            return new Rendered(text, docs);
        }

        List<String> kinds() {
            return docs.stream().map(d -> (String) d.get("kind")).toList();
        }

        List<Map<String, Object>> all(String kind) {
            return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        }

        Map<String, Object> one(String kind, String name) {
            List<Map<String, Object>> found = all(kind).stream()
                    .filter(d -> name.equals(at(d, "metadata.name")))
                    .toList();
            assertThat(found).as("%s %s", kind, name).hasSize(1);
            return found.get(0);
        }
    }

    static void assertWellFormed(Map<String, Object> doc) {
        assertThat(doc.get("apiVersion")).as("apiVersion of %s", doc).isInstanceOf(String.class);
        assertThat(doc.get("kind")).as("kind of %s", doc).isInstanceOf(String.class);
        assertThat(at(doc, "metadata.name"))
                .as("metadata.name of %s", doc.get("kind"))
                .isInstanceOf(String.class);
        assertThat(((String) at(doc, "metadata.name")).length()).isLessThanOrEqualTo(63);
        assertThat(map(at(doc, "metadata.labels")))
                .containsEntry("app.kubernetes.io/instance", RELEASE)
                .containsEntry("app.kubernetes.io/managed-by", "Helm");
    }

    static void assertResourcesSet(Map<String, Object> container) {
        for (String path : List.of("resources.requests.cpu", "resources.requests.memory", "resources.limits.memory")) {
            assertThat(at(container, path)).as(path).isNotNull();
        }
    }

    /** SPRING_PROFILES_ACTIVE is set exactly once, to prod, in all rendered objects. */
    static void assertOnlyProdProfile(Rendered rendered) {
        List<Object> values = new ArrayList<>();
        for (Map<String, Object> doc : rendered.docs()) {
            if ("ConfigMap".equals(doc.get("kind")) || "Secret".equals(doc.get("kind"))) {
                Optional.ofNullable(doc.get("data"))
                        .map(HelmChartTest::map)
                        .ifPresent(data -> data.forEach((k, v) -> {
                            if (k.startsWith("SPRING_PROFILES")) {
                                values.add(v);
                            }
                        }));
            }
            if ("Deployment".equals(doc.get("kind"))) {
                for (Map<String, Object> c : allContainers(doc)) {
                    env(c).forEach((k, v) -> {
                        if (k.startsWith("SPRING_PROFILES")) {
                            values.add(v.get("value"));
                        }
                    });
                }
            }
        }
        assertThat(values).containsExactly("prod");
        assertThat(rendered.text()).doesNotContainIgnoringCase("spring.profiles");
    }

    static List<String> allEnvNames(Rendered rendered) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> doc : rendered.docs()) {
            if ("ConfigMap".equals(doc.get("kind")) && doc.get("data") != null) {
                names.addAll(map(doc.get("data")).keySet());
            }
            if ("Deployment".equals(doc.get("kind"))) {
                allContainers(doc).forEach(c -> names.addAll(env(c).keySet()));
            }
        }
        return names;
    }

    static void assertRenderFails(Consumer<TemplateCommand> customizer, String messagePart) {
        TemplateCommand command = template();
        customizer.accept(command);
        assertThatThrownBy(command::call).hasMessageContaining(messagePart);
    }

    static Map<String, Object> appContainer(Map<String, Object> deployment) {
        return byKey(list(at(deployment, "spec.template.spec.containers")), "name", "campuspass");
    }

    static List<Map<String, Object>> allContainers(Map<String, Object> deployment) {
        List<Map<String, Object>> all = new ArrayList<>(maps(at(deployment, "spec.template.spec.containers")));
        Object inits = at(deployment, "spec.template.spec.initContainers");
        if (inits != null) {
            all.addAll(maps(inits));
        }
        return all;
    }

    static Map<String, Map<String, Object>> env(Map<String, Object> container) {
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        Object list = container.get("env");
        if (list != null) {
            for (Map<String, Object> e : maps(list)) {
                assertThat(env.put((String) e.get("name"), e))
                        .as("duplicate env %s in %s", e.get("name"), container.get("name"))
                        .isNull();
            }
        }
        return env;
    }

    static Map<String, Object> podAnnotations(Map<String, Object> deployment) {
        return map(at(deployment, "spec.template.metadata.annotations"));
    }

    /** Resolves a probe port (name or number) to the container port number. */
    static int containerPort(Map<String, Object> container, Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        return (Integer) byKey(list(container.get("ports")), "name", port).get("containerPort");
    }

    /** Navigates "a.b[0].c" through maps and lists; null when a step is missing. */
    static Object at(Object root, String path) {
        Object current = root;
        for (String part : path.split("\\.")) {
            String key = part;
            Integer index = null;
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                key = part.substring(0, bracket);
                index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
            }
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
            if (index != null) {
                if (!(current instanceof List<?> l) || l.size() <= index) {
                    return null;
                }
                current = l.get(index);
            }
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return (List<Object>) o;
    }

    static List<Map<String, Object>> maps(Object o) {
        return list(o).stream().map(HelmChartTest::map).toList();
    }

    static Map<String, Object> byKey(List<Object> items, String key, Object value) {
        List<Map<String, Object>> found = items.stream()
                .map(HelmChartTest::map)
                .filter(m -> Objects.equals(m.get(key), value))
                .toList();
        assertThat(found).as("item with %s=%s in %s", key, value, items).hasSize(1);
        return found.get(0);
    }

    static Map<String, Object> loadYaml(Path file) throws IOException {
        return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            Object existing = merged.get(key);
            if (existing instanceof Map<?, ?> && value instanceof Map<?, ?>) {
                merged.put(key, deepMerge((Map<String, Object>) existing, (Map<String, Object>) value));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
