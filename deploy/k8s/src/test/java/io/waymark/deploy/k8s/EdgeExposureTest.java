package io.waymark.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The edge behind its load balancer: public ports, the ports the edge really listens on, the self-check path. */
class EdgeExposureTest {

    private static final Resources BASE = Resources.ofKustomization(DeployFiles.K8S.resolve("base"));
    private final ServiceSpec edge = ServiceSpec.named("edge");

    @Test
    void loadBalancerPassesPorts80And443ThroughToTheEdgeListeners() {
        // Given the edge container, the ports its settings make it listen on, and the public Service
        JsonNode container = ServiceDeploymentsTest.container(edge);
        Map<String, String> env = literalEnv(container);
        JsonNode service = BASE.get("Service", "waymark-edge").path("spec");

        // Then the Service is a TCP load balancer on 80 and 443 that keeps client addresses local
        assertThat(service.path("type").asText()).isEqualTo("LoadBalancer");
        assertThat(service.path("externalTrafficPolicy").asText()).isEqualTo("Local");
        Map<Integer, String> targets = new HashMap<>();
        service.path("ports").forEach(p -> {
            assertThat(p.path("protocol").asText("TCP")).isEqualTo("TCP");
            targets.put(p.path("port").asInt(), p.path("targetPort").asText());
        });
        assertThat(targets).containsOnlyKeys(80, 443);

        // and each target is the container port the edge's own setting opens, exposed by the image
        int http = ServiceDeploymentsTest.port(container, targets.get(80));
        int https = ServiceDeploymentsTest.port(container, targets.get(443));
        assertThat(edge.settings().documents("edge.http.port")).isTrue();
        assertThat(env.get(ReadmeSettings.environmentVariable("edge.http.port"))).isEqualTo(Integer.toString(http));
        assertThat(env.get(ReadmeSettings.environmentVariable("edge.https.port"))).isEqualTo(Integer.toString(https));
        assertThat(edge.imagePorts()).contains(http, https);
        assertThat(edge.pom().getProperty("jib.container.environment"))
                .contains(ReadmeSettings.environmentVariable("edge.http.port") + "=" + http)
                .contains(ReadmeSettings.environmentVariable("edge.https.port") + "=" + https);
    }

    @Test
    void provisionerSelfCheckReachesTheEdgePlainHttpListener() {
        // Given the provisioner's preflight address
        ServiceSpec provisioner = ServiceSpec.named("provisioner");
        String address = literalEnv(ServiceDeploymentsTest.container(provisioner))
                .get(ReadmeSettings.environmentVariable("preflight.edge-address"));
        String host = address.substring(0, address.lastIndexOf(':'));
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));

        // Then it names a Service selecting the edge pods whose port leads to the edge's HTTP listener
        JsonNode service = BASE.get("Service", host).path("spec");
        JsonNode podLabels = ServiceDeploymentsTest.deployment(edge).path("spec").path("template").path("metadata").path("labels");
        assertThat(ServiceDeploymentsTest.selects(service.path("selector"), podLabels)).isTrue();
        String target = null;
        for (JsonNode p : service.path("ports")) {
            if (p.path("port").asInt() == port) {
                target = p.path("targetPort").asText();
            }
        }
        assertThat(target).as("%s has port %d", host, port).isEqualTo("http");
    }

    @Test
    void proxyProtocolIsASettingTheEdgeDocuments() {
        // Given the ConfigMap entries the edge maps to its PROXY protocol settings
        Map<String, String> keys = new HashMap<>();
        ServiceDeploymentsTest.container(edge).path("env").forEach(e ->
                keys.put(e.path("name").asText(), e.path("valueFrom").path("configMapKeyRef").path("key").asText()));

        // Then both are real edge settings, fed from waymark-config, off unless a component turns them on
        assertThat(edge.readme().documents("edge.proxy-protocol")).isTrue();
        assertThat(edge.readme().documents("edge.proxy-protocol.trusted-sources")).isTrue();
        JsonNode config = BASE.get("ConfigMap", "waymark-config").path("data");
        assertThat(config.path(keys.get(ReadmeSettings.environmentVariable("edge.proxy-protocol"))).asText()).isEqualTo("false");
        Resources aws = Resources.of(new Kustomization(DeployFiles.K8S.resolve("components/proxy-protocol-aws"),
                DeployFiles.document(DeployFiles.K8S.resolve("components/proxy-protocol-aws/kustomization.yaml"))).patchFiles());
        JsonNode awsConfig = aws.get("ConfigMap", "waymark-config").path("data");
        assertThat(awsConfig.path(keys.get(ReadmeSettings.environmentVariable("edge.proxy-protocol"))).asText()).isEqualTo("true");
        assertThat(awsConfig.path(keys.get(ReadmeSettings.environmentVariable("edge.proxy-protocol.trusted-sources"))).asText())
                .as("trusted sources are required with the PROXY protocol on").isNotBlank();
    }

    static Map<String, String> literalEnv(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(e -> {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        });
        return env;
    }
}
