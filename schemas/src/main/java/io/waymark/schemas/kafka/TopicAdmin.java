package io.waymark.schemas.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalog's topics that are missing and reports existing ones whose partition count
 * or topic configs differ from the catalog. Idempotent: a second run creates nothing and, on an
 * untouched cluster, reports nothing. A topic created concurrently by another run
 * ({@link TopicExistsException}) counts as existing. Drift is reported, never altered: changing
 * retention or partitions of a live topic is an operator's decision.
 *
 * <pre>{@code
 * try (Admin admin = Admin.create(props)) {
 *     TopicReport report = new TopicAdmin(admin).ensure(Topics.withPrefix(prefix).all());
 * }
 * }</pre>
 */
public final class TopicAdmin {

    private static final Logger LOGGER = LoggerFactory.getLogger(TopicAdmin.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final long INITIAL_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 1000;

    private final Admin admin;
    private final Optional<Short> replicationFactor;
    private final Duration timeout;

    /** Creates topics with the broker's {@code default.replication.factor}. */
    public TopicAdmin(Admin admin) {
        this(admin, Optional.empty(), DEFAULT_TIMEOUT);
    }

    /**
     * @param admin             the client; the caller closes it
     * @param replicationFactor replication factor of new topics, empty for the broker default
     * @param timeout           bound on each round trip to the cluster
     */
    public TopicAdmin(Admin admin, Optional<Short> replicationFactor, Duration timeout) {
        this.admin = requireNonNull(admin, "admin");
        this.replicationFactor = requireNonNull(replicationFactor, "replicationFactor");
        this.timeout = requireNonNull(timeout, "timeout");
        replicationFactor.ifPresent(rf -> {
            if (rf < 1) {
                throw new IllegalArgumentException("replicationFactor must be 1 or more, was " + rf);
            }
        });
    }

    /**
     * Creates what is missing, checks what exists.
     *
     * @throws KafkaException when the cluster does not answer in time or refuses a request
     */
    public TopicReport ensure(Collection<? extends Topic<?, ?>> topics) {
        Map<String, Topic<?, ?>> byName = new LinkedHashMap<>();
        topics.forEach(t -> byName.put(t.name(), t));
        Set<String> present = await(admin.listTopics().names(), "list topics");

        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>(byName.keySet().stream().filter(present::contains).toList());
        List<NewTopic> missing = byName.values().stream()
                .filter(t -> !present.contains(t.name()))
                .map(this::newTopic)
                .toList();
        if (!missing.isEmpty()) {
            CreateTopicsResult result = admin.createTopics(missing);
            for (NewTopic topic : missing) {
                if (create(result.values().get(topic.name()), topic.name())) {
                    created.add(topic.name());
                } else {
                    existing.add(topic.name());
                }
            }
        }
        List<TopicDrift> drifts = existing.isEmpty() ? List.of() : drifts(existing, byName);
        TopicReport report = new TopicReport(created, existing, drifts);
        LOGGER.info("Topics ensured created={} existing={} drifted={}", created.size(), existing.size(), drifts.size());
        drifts.forEach(d -> LOGGER.warn("Topic config drift topic={} setting={} expected={} actual={}",
                d.topic(), d.setting(), d.expected(), d.actual()));
        return report;
    }

    private NewTopic newTopic(Topic<?, ?> topic) {
        return new NewTopic(topic.name(), Optional.of(topic.partitions()), replicationFactor)
                .configs(topic.configs());
    }

    /** True when created, false when another client created it first. */
    private boolean create(KafkaFuture<Void> future, String name) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOGGER.info("Created topic topic={}", name);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                LOGGER.info("Topic created concurrently topic={}", name);
                return false;
            }
            throw new KafkaException("cannot create topic " + name + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        } catch (TimeoutException e) {
            throw new KafkaException("creating topic " + name + " took longer than " + timeout, e);
        }
    }

    private List<TopicDrift> drifts(List<String> names, Map<String, Topic<?, ?>> byName) {
        // a topic created a moment ago (by another run) may not be in every broker's metadata yet
        Map<String, TopicDescription> descriptions = retrying("describe topics " + names,
                () -> admin.describeTopics(names).allTopicNames());
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = retrying("describe configs of " + names,
                () -> admin.describeConfigs(resources).all());

        List<TopicDrift> drifts = new ArrayList<>();
        for (String name : names) {
            Topic<?, ?> topic = byName.get(name);
            int partitions = descriptions.get(name).partitions().size();
            if (partitions != topic.partitions()) {
                drifts.add(new TopicDrift(name, TopicDrift.PARTITIONS,
                        Integer.toString(topic.partitions()), Integer.toString(partitions)));
            }
            Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            topic.configs().forEach((key, expected) -> {
                ConfigEntry entry = actual.get(key);
                String value = entry == null ? "(unset)" : String.valueOf(entry.value());
                if (!sameValue(key, expected, value)) {
                    drifts.add(new TopicDrift(name, key, expected, value));
                }
            });
        }
        return drifts;
    }

    private static boolean sameValue(String key, String expected, String actual) {
        if (TopicConfig.CLEANUP_POLICY_CONFIG.equals(key)) {
            return policies(expected).equals(policies(actual));
        }
        return expected.strip().equals(actual.strip());
    }

    private static Set<String> policies(String value) {
        return Arrays.stream(value.split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Repeats a read-only request while it fails with a retriable error (unknown topic just after
     * creation, leader moving), backing off from 100 ms to 1 s, until {@code timeout} has passed.
     * Runs on the caller's thread: this routine is for start-up and operator commands.
     */
    private <T> T retrying(String what, Supplier<KafkaFuture<T>> request) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoffMs = INITIAL_BACKOFF_MS;
        while (true) {
            try {
                return await(request.get(), what);
            } catch (KafkaException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() + backoffMs * 1_000_000 > deadline) {
                    throw e;
                }
                LOGGER.debug("Retrying request={} backoffMs={} error={}", what, backoffMs, e.getCause().toString());
                try {
                    TimeUnit.MILLISECONDS.sleep(backoffMs);
                } catch (InterruptedException interrupted) {
                    throw new InterruptException(interrupted);
                }
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            }
        }
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot " + what + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        } catch (TimeoutException e) {
            throw new KafkaException(what + " took longer than " + timeout, e);
        }
    }
}
