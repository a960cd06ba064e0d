package io.waymark.provisioner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.common.config.Config;
import io.waymark.common.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvisionerConfigTest {

    @Test
    void defaultsAreLetsEncryptStagingAndItsLimits() {
        // Given / When
        ProvisionerConfig config = ProvisionerConfig.from(config(Map.of()));

        // Then
        assertThat(config.acmeDirectory()).isEqualTo(URI.create("acme://letsencrypt.org/staging"));
        assertThat(config.keyType()).isEqualTo(KeyType.EC_P256);
        assertThat(config.retry().delays()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(10),
                Duration.ofMinutes(100));
        assertThat(config.limits()).containsExactlyElementsOf(RateLimitBuckets.letsEncryptDefaults());
    }

    @Test
    void directoryByNameOrUrlAndRsaKeys() {
        // Given / When
        ProvisionerConfig production = ProvisionerConfig.from(config(Map.of("acme.directory", "letsencrypt",
                "acme.key-type", "rsa-2048")));
        ProvisionerConfig pebble = ProvisionerConfig.from(config(Map.of("acme.directory", "https://127.0.0.1:14000/dir")));

        // Then
        assertThat(production.acmeDirectory()).isEqualTo(URI.create("acme://letsencrypt.org"));
        assertThat(production.keyType()).isEqualTo(KeyType.RSA_2048);
        assertThat(pebble.acmeDirectory()).isEqualTo(URI.create("https://127.0.0.1:14000/dir"));
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> ProvisionerConfig.from(config(Map.of("acme.directory", "http://ca.example/dir"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("acme.directory");
        assertThatThrownBy(() -> ProvisionerConfig.from(config(Map.of("retry.delays", "1m,soon"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("retry.delays");
        assertThatThrownBy(() -> ProvisionerConfig.from(config(Map.of("limits.new-orders.capacity", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("limits.new-orders.capacity");
        assertThatThrownBy(() -> ProvisionerConfig.from(config(Map.of("acme.eab.kid", "kid-1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("acme.eab");
        assertThatThrownBy(() -> ProvisionerConfig.from(config(Map.of("acme.key-type", "dsa"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("acme.key-type");
    }

    @Test
    void externalAccountBindingAndProfileAreReadAndTheMacKeyIsNeverPrinted() {
        // Given a CA that needs EAB, with the MAC key as the CA hands it out (base64url, no padding)
        String macKey = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";

        // When
        ProvisionerConfig config = ProvisionerConfig.from(config(Map.of("acme.eab.kid", "kid-1",
                "acme.eab.hmac-key", macKey, "acme.profile", "shortlived")));

        // Then both parts reach the account, the key only through reveal()
        assertThat(config.eabKeyId()).contains("kid-1");
        assertThat(config.eabHmacKey()).hasValueSatisfying(k -> assertThat(k.reveal()).isEqualTo(macKey));
        assertThat(config.profile()).contains("shortlived");
        assertThat(config.toString()).doesNotContain(macKey);
    }

    @Test
    void aMacKeyThatIsNotBase64UrlIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> ProvisionerConfig.from(config(Map.of("acme.eab.kid", "kid-1",
                "acme.eab.hmac-key", "not base64!"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("acme.eab.hmac-key")
                .hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> ProvisionerConfig.from(config(Map.of("acme.eab.hmac-key", "c2VjcmV0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("acme.eab");
    }

    private static Config config(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(ProvisionerConfig.DEFAULTS);
        values.put("kafka.bootstrap-servers", "127.0.0.1:9092");
        values.putAll(overrides);
        return Config.of(values);
    }

}
