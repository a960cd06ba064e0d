package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.common.config.Config;
import io.waymark.common.config.ConfigException;
import io.waymark.common.config.HostPort;
import io.waymark.common.config.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provisioner's settings, read once at start-up; every key and its default is in the
 * module README. Validation happens here, so a bad value stops the service with the key named.
 */
public record ProvisionerConfig(
        String bootstrapServers,
        String topicPrefix,
        String groupId,
        URI acmeDirectory,
        Optional<Path> acmeTrustPem,
        Optional<String> contactEmail,
        Optional<String> profile,
        Optional<String> eabKeyId,
        Optional<Secret> eabHmacKey,
        Path accountKeyFile,
        KeyType keyType,
        int concurrency,
        Duration pollTimeout,
        HostPort edgeAddress,
        Duration preflightTimeout,
        Duration renewBefore,
        RetryPolicySettings retry,
        List<RateLimit> limits,
        List<String> extraPublicSuffixes) {

    /** The retry policy's settings. */
    public record RetryPolicySettings(List<Duration> delays, Duration thereafter, int maxAttempts, int jitterPercent) {
    }

    /** Defaults of every key that has one. */
    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("admin.port", "9401"),
            Map.entry("kafka.topic-prefix", "waymark."),
            Map.entry("kafka.group-id", "waymark-provisioner"),
            Map.entry("acme.directory", "letsencrypt-staging"),
            Map.entry("acme.account-key-file", "acme-account.sealed"),
            Map.entry("acme.key-type", "ec-p256"),
            Map.entry("acme.poll-timeout", "2m"),
            Map.entry("provisioner.concurrency", "8"),
            Map.entry("preflight.edge-address", "127.0.0.1:80"),
            Map.entry("preflight.timeout", "10s"),
            Map.entry("renew.before", "30d"),
            Map.entry("retry.delays", "1m,10m,100m"),
            Map.entry("retry.thereafter", "1d"),
            Map.entry("retry.max-attempts", "8"),
            Map.entry("retry.jitter-percent", "10"),
            Map.entry("limits.new-orders.capacity", "300"),
            Map.entry("limits.new-orders.period", "3h"),
            Map.entry("limits.certificates-per-domain.capacity", "50"),
            Map.entry("limits.certificates-per-domain.period", "7d"),
            Map.entry("limits.failed-validations.capacity", "5"),
            Map.entry("limits.failed-validations.period", "1h"),
            Map.entry("limits.duplicate-certificates.capacity", "5"),
            Map.entry("limits.duplicate-certificates.period", "7d"));

    public ProvisionerConfig {
        requireNonNull(bootstrapServers, "bootstrapServers");
        requireNonNull(topicPrefix, "topicPrefix");
        requireNonNull(groupId, "groupId");
        requireNonNull(acmeDirectory, "acmeDirectory");
        requireNonNull(acmeTrustPem, "acmeTrustPem");
        requireNonNull(contactEmail, "contactEmail");
        requireNonNull(profile, "profile");
        requireNonNull(eabKeyId, "eabKeyId");
        requireNonNull(eabHmacKey, "eabHmacKey");
        requireNonNull(accountKeyFile, "accountKeyFile");
        requireNonNull(keyType, "keyType");
        requireNonNull(pollTimeout, "pollTimeout");
        requireNonNull(edgeAddress, "edgeAddress");
        requireNonNull(preflightTimeout, "preflightTimeout");
        requireNonNull(renewBefore, "renewBefore");
        requireNonNull(retry, "retry");
        limits = List.copyOf(limits);
        extraPublicSuffixes = List.copyOf(extraPublicSuffixes);
        if (eabKeyId.isPresent() != eabHmacKey.isPresent()) {
            throw new ConfigException("acme.eab.kid", "set both acme.eab.kid and acme.eab.hmac-key, or neither");
        }
        eabHmacKey.ifPresent(ProvisionerConfig::requireMacKey);
    }

    /** Reads and validates every setting. */
    public static ProvisionerConfig from(Config config) {
        List<Duration> delays = new ArrayList<>();
        for (String raw : config.list("retry.delays")) {
            delays.add(Config.of(Map.of("retry.delays", raw)).duration("retry.delays"));
        }
        if (delays.isEmpty()) {
            throw config.invalid("retry.delays", "", "a list of one or more durations");
        }
        return new ProvisionerConfig(
                config.string("kafka.bootstrap-servers"),
                config.string("kafka.topic-prefix"),
                config.string("kafka.group-id"),
                AcmeDirectories.resolve(config, "acme.directory"),
                config.optionalPath("acme.trust-pem"),
                config.optionalString("acme.contact"),
                config.optionalString("acme.profile"),
                config.optionalString("acme.eab.kid"),
                config.optionalSecret("acme.eab.hmac-key"),
                config.path("acme.account-key-file"),
                config.enumValue("acme.key-type", KeyType.class),
                config.intInRange("provisioner.concurrency", 1, 1024),
                positive(config, "acme.poll-timeout"),
                config.hostPort("preflight.edge-address"),
                positive(config, "preflight.timeout"),
                config.duration("renew.before"),
                new RetryPolicySettings(delays, config.duration("retry.thereafter"),
                        config.intInRange("retry.max-attempts", 1, 1000),
                        config.intInRange("retry.jitter-percent", 0, 99)),
                List.of(limit(config, "new-orders", RateLimit.NEW_ORDERS),
                        limit(config, "certificates-per-domain", RateLimit.CERTIFICATES_PER_DOMAIN),
                        limit(config, "failed-validations", RateLimit.FAILED_VALIDATIONS),
                        limit(config, "duplicate-certificates", RateLimit.DUPLICATE_CERTIFICATES)),
                config.list("limits.public-suffixes"));
    }

    /** RFC 8555 §7.3.4: the CA hands out the MAC key base64url-encoded; refuse anything else at start-up. */
    private static void requireMacKey(Secret key) {
        byte[] decoded;
        try {
            decoded = Base64.getUrlDecoder().decode(key.reveal().strip());
        } catch (IllegalArgumentException e) {
            // the value is a secret: name the key, never echo it
            throw new ConfigException("acme.eab.hmac-key", "acme.eab.hmac-key is not base64url");
        }
        if (decoded.length == 0) {
            throw new ConfigException("acme.eab.hmac-key", "acme.eab.hmac-key is empty");
        }
    }

    private static RateLimit limit(Config config, String key, RateLimit base) {
        long capacity = config.longInRange("limits." + key + ".capacity", 1, Long.MAX_VALUE / 2);
        return base.with(capacity, positive(config, "limits." + key + ".period"));
    }

    private static Duration positive(Config config, String key) {
        Duration value = config.duration(key);
        if (value.isZero()) {
            throw config.invalid(key, config.string(key), "a positive duration");
        }
        return value;
    }
}
