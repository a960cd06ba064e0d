package io.waymark.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/** deploy/compose/compose.yaml: parses (anchors and merge keys resolved) and agrees with the services and images. */
class ComposeFileTest {

    private static final Path FILE = DeployFiles.COMPOSE.resolve("compose.yaml");
    private static final JsonNode COMPOSE = load();
    private static final JsonNode SERVICES = COMPOSE.path("services");

    @ParameterizedTest
    @MethodSource("io.waymark.deploy.k8s.ServiceSpec#names")
    void runsTheBuiltImageWithDocumentedSettingsAndAReadinessCheck(String name) {
        // Given a service of the compose file and what the service itself says
        ServiceSpec service = ServiceSpec.named(name);
        JsonNode compose = SERVICES.path(name);

        // Then it runs the image the images profile builds
        assertThat(compose.path("image").asText()).isEqualTo(service.image());
        // with only variables of documented keys
        compose.path("environment").fieldNames().forEachRemaining(v -> assertThat(service.settings().documentsVariable(v))
                .as("%s of %s is the variable of a documented key", v, name).isTrue());
        // and a health check asking /readyz on its admin port
        String check = compose.path("healthcheck").path("test").toString();
        assertThat(check).contains("/dev/tcp/127.0.0.1/" + service.adminPort()).contains("GET /readyz");
        // and starts once Kafka is healthy and the topics exist
        assertThat(compose.path("depends_on").path("kafka").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(compose.path("depends_on").path("topics").path("condition").asText())
                .isEqualTo("service_completed_successfully");
    }

    @Test
    void runsKafkaCassandraAndPebbleFromTheirOfficialImages() {
        assertThat(SERVICES.path("kafka").path("image").asText()).startsWith("apache/kafka:");
        assertThat(SERVICES.path("topics").path("image").asText()).startsWith("apache/kafka:");
        assertThat(SERVICES.path("cassandra").path("image").asText()).isEqualTo("cassandra:5.0");
        assertThat(SERVICES.path("pebble").path("image").asText()).startsWith("letsencrypt/pebble:");
        assertThat(SERVICES.path("pebble-challtestsrv").path("image").asText()).startsWith("letsencrypt/pebble-challtestsrv:");
    }

    @Test
    void everyDependencyExistsAndCanReachItsCondition() {
        SERVICES.fields().forEachRemaining(service -> service.getValue().path("depends_on").fields().forEachRemaining(dep -> {
            JsonNode target = SERVICES.path(dep.getKey());
            String condition = dep.getValue().path("condition").asText();
            assertThat(target.isMissingNode()).as("%s depends on %s", service.getKey(), dep.getKey()).isFalse();
            if (condition.equals("service_healthy")) {
                assertThat(target.has("healthcheck")).as("%s has a health check", dep.getKey()).isTrue();
            }
            if (condition.equals("service_completed_successfully")) {
                assertThat(target.path("restart").asText()).as("%s is a one-shot", dep.getKey()).isEqualTo("no");
            }
        }));
    }

    @Test
    void everyVariableIsInTheEnvExampleOrHasADefault() {
        // Given the variables .env.example defines
        Set<String> defined = new HashSet<>();
        DeployFiles.read(DeployFiles.COMPOSE.resolve(".env.example")).lines()
                .filter(l -> l.matches("[A-Z_]+=.*")).forEach(l -> defined.add(l.substring(0, l.indexOf('='))));

        // Then every ${VAR} of the compose file is one of them or carries its own default
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+)(:?[-?][^}]*)?}").matcher(DeployFiles.read(FILE));
        int seen = 0;
        while (m.find()) {
            seen++;
            boolean hasDefault = m.group(2) != null && m.group(2).contains("-");
            assertThat(defined.contains(m.group(1)) || hasDefault).as("${%s} is defined in .env.example", m.group(1)).isTrue();
        }
        assertThat(seen).isPositive();
    }

    @Test
    void boundFilesExistOrAreMadeByTheTlsScript() {
        String tlsScript = DeployFiles.read(DeployFiles.COMPOSE.resolve("make-pebble-tls.sh"));
        SERVICES.fields().forEachRemaining(service -> service.getValue().path("volumes").forEach(v -> {
            String source = v.asText().split(":")[0];
            if (!source.startsWith("./")) {
                assertThat(COMPOSE.path("volumes").has(source)).as("named volume %s", source).isTrue();
            } else if (source.startsWith("./pebble-tls/")) {
                assertThat(tlsScript).as("make-pebble-tls.sh writes %s", source)
                        .contains(source.substring("./pebble-tls/".length()));
            } else {
                assertThat(DeployFiles.COMPOSE.resolve(source)).as("bound by %s", service.getKey()).isRegularFile();
            }
        }));
    }

    @Test
    void pebbleValidatesAgainstTheEdgeHttpListener() throws Exception {
        // Given the edge's address and HTTP port, and Pebble's configuration and DNS
        JsonNode edge = SERVICES.path("edge");
        String edgeAddress = edge.path("networks").path("waymark").path("ipv4_address").asText();
        String edgeHttpPort = edge.path("environment").path(ReadmeSettings.environmentVariable("edge.http.port")).asText();
        JsonNode pebble = new ObjectMapper().readTree(Files.readString(DeployFiles.COMPOSE.resolve("pebble-config.json")));
        String dns = SERVICES.path("pebble-challtestsrv").path("entrypoint").toString();

        // Then Pebble's validator resolves every name to the edge and connects to the edge's HTTP port
        assertThat(dns).contains("\"-defaultIPv4\",\"" + edgeAddress + "\"");
        assertThat(pebble.path("pebble").path("httpPort").asText()).isEqualTo(edgeHttpPort);
        assertThat(edge.path("ports").toString()).contains(":" + edgeHttpPort + "\"");
        // and the provisioner's self-check asks the same listener
        assertThat(SERVICES.path("provisioner").path("environment")
                .path(ReadmeSettings.environmentVariable("preflight.edge-address")).asText())
                .isEqualTo("edge:" + edgeHttpPort);
    }

    @Test
    void createsTopicsWithTheGeneratedScript() {
        assertThat(SERVICES.path("topics").path("volumes").toString()).contains("./create-topics.sh:");
        assertThat(DeployFiles.read(DeployFiles.COMPOSE.resolve("create-topics.sh")))
                .as("regenerate with ./mvnw -B -o -pl deploy/k8s compile exec:java@kafka-topics")
                .isEqualTo(KafkaTopicManifests.renderScript());
    }

    private static JsonNode load() {
        Map<String, Object> tree = new Yaml().load(DeployFiles.read(FILE));
        return new ObjectMapper().valueToTree(tree);
    }
}
