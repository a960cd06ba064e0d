package io.waymark.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Alert rules and the Grafana dashboard: one set of rules in both forms, and only meters the services
 * register (their {@code *Metrics} classes) or document (their READMEs).
 */
class MonitoringTest {

    private static final Pattern METER = Pattern.compile("waymark_[a-z][a-z_]*[a-z]");
    private static final Pattern CODE = Pattern.compile("`([a-z_]+)`");
    private static final Pattern REGISTERED = Pattern.compile("(?:name|counter|gauge|timer)\\(\"([a-z][a-z_]*)\"");
    private static final List<String> SUFFIXES = List.of("_total", "_seconds", "_count", "_sum", "_max", "_bucket");

    @Test
    void prometheusRuleHoldsExactlyTheAlertRulesFile() {
        JsonNode plain = DeployFiles.document(DeployFiles.MONITORING.resolve("waymark-alerts.yaml"));
        JsonNode rule = Resources.ofKustomization(DeployFiles.K8S.resolve("base")).get("PrometheusRule", "waymark");

        assertThat(rule.path("spec")).isEqualTo(plain);
        assertThat(plain.findValues("alert")).hasSizeGreaterThan(10);
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookEntry() {
        String runbook = DeployFiles.read(DeployFiles.REPO.resolve("docs/operations.md"));
        for (JsonNode group : DeployFiles.document(DeployFiles.MONITORING.resolve("waymark-alerts.yaml")).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                assertThat(rule.path("labels").path("severity").asText()).as(alert).isIn("warning", "critical");
                assertThat(rule.path("annotations").path("summary").asText()).as(alert).isNotBlank();
                assertThat(runbook).as("docs/operations.md explains %s", alert).contains("`" + alert + "`");
            }
        }
    }

    @Test
    void alertsAndDashboardUseOnlyDocumentedMeters() throws Exception {
        // Given the meters the module READMEs document
        Set<String> documented = documentedMeters();

        // When collecting every waymark_ meter the rules and the dashboard query
        JsonNode dashboard = new ObjectMapper().readTree(DeployFiles.MONITORING.resolve("grafana-dashboard.json").toFile());
        Set<String> used = new HashSet<>();
        meters(DeployFiles.read(DeployFiles.MONITORING.resolve("waymark-alerts.yaml")), used);
        dashboard.findValues("expr").forEach(e -> meters(e.asText(), used));

        // Then each is one of them
        assertThat(used).hasSizeGreaterThan(20);
        assertThat(used).allSatisfy(m -> assertThat(documented).as("%s is a documented meter", m).contains(m));
    }

    private static Set<String> documentedMeters() {
        Set<String> meters = new HashSet<>();
        for (String name : ServiceSpec.NAMES) {
            String prefix = "waymark_" + name.replace('-', '_') + "_";
            registered(DeployFiles.REPO.resolve(name).resolve("src/main/java"), prefix, meters);
            Path readmeFile = DeployFiles.REPO.resolve(name).resolve("README.md");
            if (!Files.isRegularFile(readmeFile)) {
                continue;
            }
            String readme = DeployFiles.read(readmeFile);
            meters(readme, meters);
            // tables and lists of a Metrics section name meters without the waymark_<service>_ prefix
            int section = readme.indexOf("\n## Metrics");
            if (section >= 0) {
                int end = readme.indexOf("\n## ", section + 1);
                Matcher code = CODE.matcher(readme.substring(section, end < 0 ? readme.length() : end));
                while (code.find()) {
                    String thing = code.group(1).startsWith("_") ? code.group(1).substring(1) : code.group(1);
                    meters.add(strip(prefix + thing));
                }
            }
        }
        return meters;
    }

    /** Meters a module's {@code *Metrics} classes register: {@code name("thing")} / {@code counter("thing", ...)}. */
    private static void registered(Path sources, String prefix, Set<String> into) {
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Metrics.java")).toList()) {
                Matcher m = REGISTERED.matcher(DeployFiles.read(file));
                while (m.find()) {
                    into.add(strip(prefix + m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void meters(String text, Set<String> into) {
        Matcher m = METER.matcher(text);
        while (m.find()) {
            into.add(strip(m.group()));
        }
    }

    private static String strip(String meter) {
        for (String suffix : SUFFIXES) {
            if (meter.endsWith(suffix)) {
                return meter.substring(0, meter.length() - suffix.length());
            }
        }
        return meter;
    }
}
