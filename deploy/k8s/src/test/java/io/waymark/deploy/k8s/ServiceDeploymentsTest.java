package io.waymark.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each service's Deployment, Service and PodDisruptionBudget against the service's own configuration. */
class ServiceDeploymentsTest {

    private static final Resources BASE = Resources.ofKustomization(DeployFiles.K8S.resolve("base"));
    private static final Resources SECRETS = Resources.of(List.of(DeployFiles.K8S.resolve("secrets/secrets.example.yaml")));

    @ParameterizedTest
    @MethodSource("io.waymark.deploy.k8s.ServiceSpec#names")
    void runsTheImageTheBuildMakesWithTheAdminPortOfTheService(String name) {
        ServiceSpec service = ServiceSpec.named(name);
        // Given the service's Deployment
        JsonNode container = container(service);

        // Then it runs the image of the service's POM and exposes the service's admin port as "admin"
        assertThat(container.path("image").asText()).isEqualTo(service.image());
        assertThat(port(container, "admin")).as("admin port of %s", service.name()).isEqualTo(service.adminPort());
        assertThat(service.imagePorts()).as("ports of the %s image", service.name()).contains(service.adminPort());
        assertThat(service.mainClass()).as("main class of %s", service.name())
                .startsWith("io.waymark.").matches(c -> java.nio.file.Files.isRegularFile(service.module()
                        .resolve("src/main/java/" + c.replace('.', '/') + ".java")), "exists in the module's sources");
    }

    @ParameterizedTest
    @MethodSource("io.waymark.deploy.k8s.ServiceSpec#names")
    void probesReadinessAndLivenessOnTheAdminPort(String name) {
        ServiceSpec service = ServiceSpec.named(name);
        JsonNode container = container(service);

        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
        assertThat(container.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("admin");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        assertThat(container.path("livenessProbe").path("httpGet").path("port").asText()).isEqualTo("admin");
    }

    @ParameterizedTest
    @MethodSource("io.waymark.deploy.k8s.ServiceSpec#names")
    void setsOnlyVariablesOfDocumentedKeys(String name) {
        ServiceSpec service = ServiceSpec.named(name);
        // Given every WAYMARK_ variable of the container
        List<String> variables = new ArrayList<>();
        container(service).path("env").forEach(e -> variables.add(e.path("name").asText()));

        // Then each is the variable of a key the service's README (or the frame's) documents
        assertThat(variables).isNotEmpty().allSatisfy(v -> assertThat(service.settings().documentsVariable(v))
                .as("%s is the variable of a key documented in %s/README.md or common/README.md", v, service.name())
                .isTrue());
    }

    @ParameterizedTest
    @MethodSource("io.waymark.deploy.k8s.ServiceSpec#names")
    void configMapAndSecretReferencesResolve(String name) {
        ServiceSpec service = ServiceSpec.named(name);
        JsonNode configMap = BASE.get("ConfigMap", "waymark-config").path("data");
        for (JsonNode env : container(service).path("env")) {
            JsonNode from = env.path("valueFrom");
            if (from.has("configMapKeyRef")) {
                assertThat(configMap.has(from.path("configMapKeyRef").path("key").asText()))
                        .as("waymark-config has the key %s (%s)", from.path("configMapKeyRef").path("key"), env.path("name"))
                        .isTrue();
            }
            if (from.has("secretKeyRef")) {
                assertSecretKey(from.path("secretKeyRef").path("name").asText(), from.path("secretKeyRef").path("key").asText());
            }
        }
        deployment(service).path("spec").path("template").path("spec").path("volumes").forEach(v -> {
            if (v.has("secret")) {
                assertThat(SECRETS.find("Secret", v.path("secret").path("secretName").asText()))
                        .as("secret volume %s", v.path("name")).isPresent();
            }
        });
    }

    @ParameterizedTest
    @MethodSource("io.waymark.deploy.k8s.ServiceSpec#names")
    void fileAndDirectorySettingsPointIntoMountedVolumes(String name) {
        ServiceSpec service = ServiceSpec.named(name);
        // Given the container's mounts and the pod's volumes
        JsonNode container = container(service);
        JsonNode volumes = deployment(service).path("spec").path("template").path("spec").path("volumes");

        for (JsonNode env : container.path("env")) {
            String variable = env.path("name").asText();
            if (!(variable.endsWith("_FILE") || variable.endsWith("_DIR")) || !env.has("value")) {
                continue;
            }
            String path = env.path("value").asText();
            JsonNode mount = null;
            for (JsonNode m : container.path("volumeMounts")) {
                if (path.startsWith(m.path("mountPath").asText() + "/") || path.equals(m.path("mountPath").asText())) {
                    mount = m;
                }
            }
            // Then each lies in a mounted volume, writable for directories, and a file of a Secret is one of its keys
            assertThat(mount).as("%s=%s lies in a mounted volume", variable, path).isNotNull();
            if (variable.endsWith("_DIR")) {
                assertThat(mount.path("readOnly").asBoolean(false)).as("%s is writable", path).isFalse();
            }
            String volumeName = mount.path("name").asText();
            for (JsonNode volume : volumes) {
                if (volume.path("name").asText().equals(volumeName) && volume.has("secret")) {
                    String key = path.substring(path.lastIndexOf('/') + 1);
                    assertSecretKey(volume.path("secret").path("secretName").asText(), key);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.waymark.deploy.k8s.ServiceSpec#names")
    void hasAnAdminServiceForPrometheusAndADisruptionBudget(String name) {
        ServiceSpec service = ServiceSpec.named(name);
        String deployment = "waymark-" + name;
        JsonNode podLabels = deployment(service).path("spec").path("template").path("metadata").path("labels");

        List<JsonNode> services = BASE.ofKind("Service").stream()
                .filter(s -> selects(s.path("spec").path("selector"), podLabels))
                .filter(s -> s.path("spec").path("ports").findValuesAsText("name").contains("admin"))
                .toList();
        assertThat(services).as("a Service with an admin port selecting %s", deployment).hasSize(1);
        JsonNode admin = null;
        for (JsonNode p : services.get(0).path("spec").path("ports")) {
            if (p.path("name").asText().equals("admin")) {
                admin = p;
            }
        }
        assertThat(admin.path("port").asInt()).isEqualTo(service.adminPort());
        assertThat(admin.path("targetPort").asText()).isEqualTo("admin");

        JsonNode monitor = BASE.ofKind("ServiceMonitor").get(0).path("spec");
        assertThat(monitor.path("endpoints").findValuesAsText("port")).contains("admin");
        // the kustomization's common labels put part-of on every object
        assertThat(DeployFiles.read(DeployFiles.K8S.resolve("base/kustomization.yaml")))
                .contains(monitor.path("selector").path("matchLabels").fieldNames().next());

        JsonNode budget = BASE.get("PodDisruptionBudget", deployment).path("spec");
        assertThat(selects(budget.path("selector").path("matchLabels"), podLabels)).isTrue();
        assertThat(budget.path("maxUnavailable").asInt()).isEqualTo(1);
    }

    static JsonNode deployment(ServiceSpec service) {
        return BASE.get("Deployment", "waymark-" + service.name());
    }

    static JsonNode container(ServiceSpec service) {
        JsonNode containers = deployment(service).path("spec").path("template").path("spec").path("containers");
        assertThat(containers.size()).as("containers of %s", service.name()).isEqualTo(1);
        return containers.get(0);
    }

    static int port(JsonNode container, String name) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(name)) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + name);
    }

    static boolean selects(JsonNode selector, JsonNode labels) {
        Set<String> missing = new HashSet<>();
        selector.fields().forEachRemaining(e -> {
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText())) {
                missing.add(e.getKey());
            }
        });
        return selector.size() > 0 && missing.isEmpty();
    }

    private static void assertSecretKey(String secret, String key) {
        JsonNode example = SECRETS.get("Secret", secret);
        boolean has = example.path("stringData").has(key) || example.path("data").has(key);
        assertThat(has).as("secret %s has the key %s (secrets/secrets.example.yaml)", secret, key).isTrue();
    }
}
