package io.waymark.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    enum Mode { FAST, VERY_SAFE }

    @Test
    void environmentOverridesFileOverridesDefaults(@TempDir Path dir) throws Exception {
        // Given
        Path file = dir.resolve("waymark.properties");
        Files.writeString(file, "edge.https.port=8443\nedge.http.port=8080\n");
        Map<String, String> defaults = Map.of("edge.https.port", "443", "edge.http.port", "80", "edge.name", "e1");
        Map<String, String> env = Map.of("WAYMARK_EDGE_HTTPS_PORT", "9443");

        // When
        ConfigSource source = ConfigSource.load(new String[] {"--config", file.toString()}, env, defaults);
        Config config = new Config(source);

        // Then
        assertThat(config.port("edge.https.port")).isEqualTo(9443);
        assertThat(config.port("edge.http.port")).isEqualTo(8080);
        assertThat(config.string("edge.name")).isEqualTo("e1");
        assertThat(source.origin("edge.https.port")).isEqualTo("environment variable WAYMARK_EDGE_HTTPS_PORT");
        assertThat(source.origin("edge.http.port")).isEqualTo("config file " + file);
        assertThat(source.origin("edge.name")).isEqualTo("default");
        assertThat(source.file()).contains(file);
    }

    @Test
    void configFileFromEnvironmentOrEqualsArgument(@TempDir Path dir) throws Exception {
        // Given
        Path file = dir.resolve("a.properties");
        Files.writeString(file, "x.y=from-file\n");

        // Then
        assertThat(ConfigSource.load(new String[0], Map.of("WAYMARK_CONFIG", file.toString()), Map.of())
                .get("x.y")).contains("from-file");
        assertThat(ConfigSource.load(new String[] {"--config=" + file}, Map.of(), Map.of())
                .get("x.y")).contains("from-file");
        assertThatThrownBy(() -> ConfigSource.load(new String[] {"--config"}, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--config needs a path");
        assertThatThrownBy(() -> ConfigSource.load(new String[] {"--config", dir.resolve("nope").toString()},
                Map.of(), Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("nope");
    }

    @Test
    void envNameMapping() {
        assertThat(ConfigSource.envName("edge.https.port")).isEqualTo("WAYMARK_EDGE_HTTPS_PORT");
        assertThat(ConfigSource.envName("seal.keys.file")).isEqualTo("WAYMARK_SEAL_KEYS_FILE");
        assertThat(ConfigSource.envName("event-sink.max-in-flight")).isEqualTo("WAYMARK_EVENT_SINK_MAX_IN_FLIGHT");
    }

    @Test
    void typedGetters() {
        // Given
        Config config = Config.of(Map.of(
                "i", "42", "d1", "250ms", "d2", "5m", "d3", "PT1H", "b", "TRUE", "p", "/var/lib/waymark",
                "hp", "kafka-1:9092", "hp6", "[::1]:9092", "l", " a, b ,,c ", "m", "very-safe"));

        // Then
        assertThat(config.intInRange("i", 1, 100)).isEqualTo(42);
        assertThat(config.longInRange("i", 1, 100)).isEqualTo(42L);
        assertThat(config.duration("d1")).isEqualTo(Duration.ofMillis(250));
        assertThat(config.duration("d2")).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.duration("d3")).isEqualTo(Duration.ofHours(1));
        assertThat(config.bool("b")).isTrue();
        assertThat(config.path("p")).isEqualTo(Path.of("/var/lib/waymark"));
        assertThat(config.hostPort("hp")).isEqualTo(new HostPort("kafka-1", 9092));
        assertThat(config.hostPort("hp6")).hasToString("[::1]:9092");
        assertThat(config.list("l")).containsExactly("a", "b", "c");
        assertThat(config.list("missing")).isEmpty();
        assertThat(config.enumValue("m", Mode.class)).isEqualTo(Mode.VERY_SAFE);
        assertThat(config.optionalString("missing")).isEmpty();
    }

    @Test
    void errorsNameTheKeyOriginAndValue() {
        // Given
        Config config = new Config(ConfigSource.of(Map.of("d", "soon", "b", "yes", "hp", "nohost"), Map.of(),
                Map.of("WAYMARK_ADMIN_PORT", "99999")));

        // Then
        assertThatThrownBy(() -> config.port("admin.port"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("admin.port"))
                .hasMessageContaining("admin.port")
                .hasMessageContaining("environment variable WAYMARK_ADMIN_PORT")
                .hasMessageContaining("'99999'")
                .hasMessageContaining("[0, 65535]");
        assertThatThrownBy(() -> config.duration("d")).hasMessageContaining("'soon'").hasMessageContaining("30s");
        assertThatThrownBy(() -> config.bool("b")).hasMessageContaining("'yes'").hasMessageContaining("true or false");
        assertThatThrownBy(() -> config.hostPort("hp")).hasMessageContaining("'nohost'");
        assertThatThrownBy(() -> config.enumValue("b", Mode.class)).hasMessageContaining("[FAST, VERY_SAFE]");
        assertThatThrownBy(() -> config.string("edge.name"))
                .hasMessageContaining("missing required setting edge.name")
                .hasMessageContaining("WAYMARK_EDGE_NAME");
    }

    @Test
    void blankEnvironmentValueClearsADefault() {
        Config config = new Config(ConfigSource.of(Map.of("a.b", "x"), Map.of(), Map.of("WAYMARK_A_B", " ")));
        assertThat(config.optionalString("a.b")).isEmpty();
    }

    @Test
    void negativeDurationsAreRefused() {
        assertThatThrownBy(() -> Config.of(Map.of("d", "PT-5S")).duration("d")).isInstanceOf(ConfigException.class);
    }

    @Test
    void secretsNeverPrint() {
        // Given
        Config config = Config.of(Map.of("db.password", "hunter2-very-secret"));

        // When
        Secret secret = config.secret("db.password");

        // Then
        assertThat(secret.reveal()).isEqualTo("hunter2-very-secret");
        assertThat(secret).hasToString("Secret[redacted]");
        assertThat(List.of(secret).toString()).doesNotContain("hunter2");
        assertThat(config.invalidSecret("db.password", "too short").getMessage())
                .contains("db.password").doesNotContain("hunter2");
    }

    @Test
    void hostPortParsing() {
        assertThat(HostPort.parse("127.0.0.1:0").port()).isZero();
        assertThatThrownBy(() -> HostPort.parse("::1:80")).hasMessageContaining("brackets");
        assertThatThrownBy(() -> HostPort.parse("h:70000")).hasMessageContaining("outside");
        assertThatThrownBy(() -> HostPort.parse("h:")).hasMessageContaining("host:port");
    }
}
