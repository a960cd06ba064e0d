package io.waymark.renewer;

import static java.util.Objects.requireNonNull;

import io.waymark.common.config.Config;
import io.waymark.common.config.ConfigException;
import io.waymark.renewer.internal.RenewalPolicy;
import io.waymark.schemas.kafka.Topics;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The renewer's settings, read once at start-up and validated here, so a bad value stops the
 * service with the key named. Every key and its default: the table in {@code renewer/README.md}.
 *
 * @param acmeDirectory empty when ARI is off ({@code acme.directory=none}); lifetime fractions then
 */
public record RenewerConfig(String bootstrapServers, Topics topics, String applicationId, Path stateDir,
                            String processingGuarantee, Optional<URI> acmeDirectory, Optional<Path> acmeTrustPem,
                            Duration tickInterval, int tickMaxEntries, long rateCapacity, Duration ratePeriod,
                            RenewalPolicy policy, int ariConcurrency, int ariQueue, Duration ariTimeout) {

    /** The service name: meters {@code waymark_renewer_*}, {@code dlq.renewer}, logs. */
    public static final String SERVICE = "renewer";

    /** Defaults of every key that has one. */
    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("admin.port", "9403"),
            Map.entry("kafka.topic-prefix", Topics.DEFAULT_PREFIX),
            Map.entry("kafka.application-id", "waymark-renewer"),
            Map.entry("kafka.state-dir", Path.of(System.getProperty("java.io.tmpdir"), "waymark-renewer").toString()),
            Map.entry("kafka.processing-guarantee", StreamsConfig.AT_LEAST_ONCE),
            Map.entry("acme.directory", "letsencrypt-staging"),
            Map.entry("renew.tick-interval", "5s"),
            Map.entry("renew.tick-max-entries", "10000"),
            Map.entry("renew.rate.capacity", "50"),
            Map.entry("renew.rate.period", "1m"),
            Map.entry("renew.jitter-percent", "10"),
            Map.entry("renew.order-timeout", "10m"),
            Map.entry("renew.retry.delays", "1m,10m,100m"),
            Map.entry("renew.retry.thereafter", "1d"),
            Map.entry("renew.ari.recheck", "12h"),
            Map.entry("renew.ari.error-retry", "1h"),
            Map.entry("renew.ari.timeout", "10s"),
            Map.entry("renew.ari.concurrency", "2"),
            Map.entry("renew.ari.queue", "10000"));

    /** Directories known by name, resolved by acme4j's providers. */
    private static final Map<String, URI> NAMED_DIRECTORIES = Map.of(
            "letsencrypt", URI.create("acme://letsencrypt.org"),
            "letsencrypt-staging", URI.create("acme://letsencrypt.org/staging"));

    public RenewerConfig {
        requireNonNull(bootstrapServers, "bootstrapServers");
        requireNonNull(topics, "topics");
        requireNonNull(applicationId, "applicationId");
        requireNonNull(stateDir, "stateDir");
        requireNonNull(acmeDirectory, "acmeDirectory");
        requireNonNull(acmeTrustPem, "acmeTrustPem");
        requireNonNull(policy, "policy");
        if (!processingGuarantee.equals(StreamsConfig.AT_LEAST_ONCE)
                && !processingGuarantee.equals(StreamsConfig.EXACTLY_ONCE_V2)) {
            throw new ConfigException("kafka.processing-guarantee", "invalid kafka.processing-guarantee: '"
                    + processingGuarantee + "' is not at_least_once or exactly_once_v2");
        }
    }

    /** Reads and validates every setting. */
    public static RenewerConfig from(Config config) {
        RenewalPolicy policy = new RenewalPolicy(
                config.intInRange("renew.jitter-percent", 0, 30),
                config.optionalString("renew.after-issuance").map(raw -> positive(config, "renew.after-issuance")),
                positive(config, "renew.order-timeout"),
                durations(config, "renew.retry.delays"),
                positive(config, "renew.retry.thereafter"),
                positive(config, "renew.ari.recheck"),
                positive(config, "renew.ari.error-retry"));
        return new RenewerConfig(
                config.string("kafka.bootstrap-servers"),
                Topics.withPrefix(config.string("kafka.topic-prefix")),
                config.string("kafka.application-id"),
                config.path("kafka.state-dir"),
                config.string("kafka.processing-guarantee").toLowerCase(Locale.ROOT),
                directory(config),
                config.optionalPath("acme.trust-pem"),
                positive(config, "renew.tick-interval"),
                config.intInRange("renew.tick-max-entries", 1, 1_000_000),
                config.longInRange("renew.rate.capacity", 1, 1_000_000),
                positive(config, "renew.rate.period"),
                policy,
                config.intInRange("renew.ari.concurrency", 1, 64),
                config.intInRange("renew.ari.queue", 1, 10_000_000),
                positive(config, "renew.ari.timeout"));
    }

    /** Kafka Streams properties of the renewer. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, UndecodableRecordHandler.class);
        p.put(UndecodableRecordHandler.DLQ_TOPIC, topics.dlq(SERVICE).name());
        return p;
    }

    private static Optional<URI> directory(Config config) {
        String raw = config.string("acme.directory").trim();
        if (raw.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        URI named = NAMED_DIRECTORIES.get(raw.toLowerCase(Locale.ROOT));
        if (named != null) {
            return Optional.of(named);
        }
        try {
            URI uri = new URI(raw);
            if (uri.getHost() != null && ("https".equalsIgnoreCase(uri.getScheme())
                    || "acme".equalsIgnoreCase(uri.getScheme()))) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below with the key and value
        }
        throw config.invalid("acme.directory", raw, "none, letsencrypt, letsencrypt-staging or an https:// URL");
    }

    private static List<Duration> durations(Config config, String key) {
        List<Duration> values = new ArrayList<>();
        for (String raw : config.list(key)) {
            Duration value = Config.of(Map.of(key, raw)).duration(key);
            if (value.isZero()) {
                throw config.invalid(key, raw, "a positive duration");
            }
            values.add(value);
        }
        if (values.isEmpty()) {
            throw config.invalid(key, config.optionalString(key).orElse(""), "a list of one or more durations");
        }
        return values;
    }

    private static Duration positive(Config config, String key) {
        Duration value = config.duration(key);
        if (value.isZero()) {
            throw config.invalid(key, config.string(key), "a positive duration");
        }
        return value;
    }
}
