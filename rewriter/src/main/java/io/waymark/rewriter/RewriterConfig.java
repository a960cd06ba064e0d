package io.waymark.rewriter;

import io.waymark.common.config.Config;
import io.waymark.common.config.ConfigException;
import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.KeyRing;
import io.waymark.common.host.Hostname;
import io.waymark.common.token.TrackingToken;
import io.waymark.schemas.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The rewriter's settings, parsed once at start-up (see the table in {@code rewriter/README.md}).
 * Kafka client sizes follow the largest message: producers may send and consumers fetch
 * {@code maxMessageBytes} (the catalog's 32 MiB for outbound topics, room for a 25 MB message
 * and what rewriting adds).
 */
public record RewriterConfig(String bootstrapServers, String applicationId, Topics topics, Path stateDir,
                             int threads, String processingGuarantee, Duration commitInterval,
                             String trackingHostPattern, int maxUrlBytes, String optOutAttribute,
                             int maxMessageBytes, Duration sessionTimeout, KeyRing tokenKeys) {

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap-servers";
    public static final String TOPIC_PREFIX = "kafka.topic-prefix";
    public static final String APPLICATION_ID = "rewriter.application.id";
    public static final String STATE_DIR = "rewriter.state.dir";
    public static final String THREADS = "rewriter.threads";
    public static final String PROCESSING_GUARANTEE = "rewriter.processing.guarantee";
    public static final String COMMIT_INTERVAL = "rewriter.commit.interval";
    public static final String TRACKING_HOST_PATTERN = "rewriter.tracking.host.pattern";
    public static final String MAX_URL_BYTES = "rewriter.max.url.bytes";
    public static final String OPT_OUT_ATTRIBUTE = "rewriter.opt.out.attribute";
    public static final String MAX_MESSAGE_BYTES = "rewriter.max.message.bytes";
    public static final String SESSION_TIMEOUT = "rewriter.session.timeout";

    /** Defaults of every rewriter setting (the frame's and the token keys' are in common). */
    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry(BOOTSTRAP_SERVERS, "localhost:9092"),
            Map.entry(TOPIC_PREFIX, Topics.DEFAULT_PREFIX),
            Map.entry(APPLICATION_ID, "waymark-rewriter"),
            Map.entry(STATE_DIR, Path.of(System.getProperty("java.io.tmpdir"), "waymark-rewriter").toString()),
            Map.entry(THREADS, "2"),
            Map.entry(PROCESSING_GUARANTEE, StreamsConfig.EXACTLY_ONCE_V2),
            Map.entry(COMMIT_INTERVAL, "100ms"),
            Map.entry(TRACKING_HOST_PATTERN, "email.{domain}"),
            Map.entry(MAX_URL_BYTES, Integer.toString(TrackingToken.MAX_URL_BYTES)),
            Map.entry(OPT_OUT_ATTRIBUTE, MessageRewriter.DEFAULT_OPT_OUT_ATTRIBUTE),
            Map.entry(MAX_MESSAGE_BYTES, Integer.toString(32 * 1024 * 1024)),
            Map.entry(SESSION_TIMEOUT, "45s"),
            Map.entry("admin.port", "9405"));

    public RewriterConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(tokenKeys, "tokenKeys");
        if (!processingGuarantee.equals(StreamsConfig.EXACTLY_ONCE_V2)
                && !processingGuarantee.equals(StreamsConfig.AT_LEAST_ONCE)) {
            throw new ConfigException(PROCESSING_GUARANTEE, "invalid " + PROCESSING_GUARANTEE + ": '"
                    + processingGuarantee + "' is not exactly_once_v2 or at_least_once");
        }
        if (!trackingHostPattern.contains("{domain}") && !isHost(trackingHostPattern)) {
            throw new ConfigException(TRACKING_HOST_PATTERN, "invalid " + TRACKING_HOST_PATTERN + ": '"
                    + trackingHostPattern + "' is neither a hostname nor a pattern with {domain}");
        }
    }

    /** Reads the settings from the layered configuration. */
    public static RewriterConfig from(Config config) {
        return new RewriterConfig(
                config.string(BOOTSTRAP_SERVERS),
                config.string(APPLICATION_ID),
                Topics.withPrefix(config.optionalString(TOPIC_PREFIX).orElse("")),
                config.path(STATE_DIR),
                config.intInRange(THREADS, 1, 64),
                config.string(PROCESSING_GUARANTEE),
                config.duration(COMMIT_INTERVAL),
                config.string(TRACKING_HOST_PATTERN),
                config.intInRange(MAX_URL_BYTES, 16, TrackingToken.MAX_URL_BYTES),
                config.string(OPT_OUT_ATTRIBUTE),
                config.intInRange(MAX_MESSAGE_BYTES, 1024 * 1024, 256 * 1024 * 1024),
                config.duration(SESSION_TIMEOUT),
                KeyRing.load(config, KeyPurpose.TOKEN));
    }

    /** The tracking host of {@code sendingDomain} when its status names none. */
    public Hostname defaultTrackingHost(Hostname sendingDomain) {
        return Hostname.parse(trackingHostPattern.replace("{domain}", sendingDomain.ascii()));
    }

    /** Kafka Streams properties: guarantee, sizes for 25 MB messages, the DLQ handler. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        p.put(DeadLetterDeserializationHandler.DLQ_TOPIC, topics.dlq(RewriterTopology.SERVICE).name());
        // a 25 MB message plus what rewriting adds must fit every hop (schemas/README.md)
        int slack = 1024 * 1024;
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), maxMessageBytes + slack);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BUFFER_MEMORY_CONFIG), 2L * (maxMessageBytes + slack));
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), maxMessageBytes + slack);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), maxMessageBytes + slack);
        // how soon a crashed instance's partitions move to the others
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) sessionTimeout.toMillis());
        // few big records per poll: a batch of 25 MB messages must not exhaust the heap
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 100);
        return p;
    }

    private static boolean isHost(String s) {
        try {
            Hostname.parse(s);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
