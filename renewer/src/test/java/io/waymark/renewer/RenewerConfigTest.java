package io.waymark.renewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.common.config.Config;
import io.waymark.common.config.ConfigException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenewerConfigTest {

    private static RenewerConfig config(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(RenewerConfig.DEFAULTS);
        settings.put("kafka.bootstrap-servers", "k:9092");
        settings.putAll(overrides);
        return RenewerConfig.from(Config.of(settings));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        RenewerConfig config = config(Map.of());
        assertThat(config.applicationId()).isEqualTo("waymark-renewer");
        assertThat(config.topics().certOrders().name()).isEqualTo("waymark.cert-orders");
        assertThat(config.acmeDirectory()).hasValueSatisfying(uri -> assertThat(uri.toString())
                .isEqualTo("acme://letsencrypt.org/staging"));
        assertThat(config.rateCapacity()).isEqualTo(50);
        assertThat(config.ratePeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.policy().jitterPercent()).isEqualTo(10);
        assertThat(config.policy().afterIssuance()).isEmpty();
        assertThat(config.policy().retryDelays())
                .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(100));
        assertThat(config.policy().retryThereafter()).isEqualTo(Duration.ofDays(1));
        assertThat(config.policy().ariRecheck()).isEqualTo(Duration.ofHours(12));
        assertThat(RenewerConfig.DEFAULTS).containsEntry("admin.port", "9403");
    }

    @Test
    void ariCanBeSwitchedOffAndTheTestPolicySet() {
        RenewerConfig config = config(Map.of("acme.directory", "none", "renew.after-issuance", "30s"));
        assertThat(config.acmeDirectory()).isEmpty();
        assertThat(config.policy().afterIssuance()).isEqualTo(Optional.of(Duration.ofSeconds(30)));
    }

    @Test
    void badValuesNameTheKeyAndTheValue() {
        for (Map.Entry<String, String> bad : List.of(Map.entry("renew.jitter-percent", "50"),
                Map.entry("renew.rate.capacity", "0"), Map.entry("renew.retry.delays", "1m,soon"),
                Map.entry("renew.order-timeout", "0s"), Map.entry("acme.directory", "ftp://ca.example/dir"),
                Map.entry("kafka.processing-guarantee", "exactly_once"))) {
            assertThatThrownBy(() -> config(Map.of(bad.getKey(), bad.getValue())))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(bad.getKey());
        }
        assertThatThrownBy(() -> config(Map.of("renew.jitter-percent", "50"))).hasMessageContaining("'50'");
        Map<String, String> none = new HashMap<>(RenewerConfig.DEFAULTS);
        assertThatThrownBy(() -> RenewerConfig.from(Config.of(none))).hasMessageContaining("kafka.bootstrap-servers");
    }
}
