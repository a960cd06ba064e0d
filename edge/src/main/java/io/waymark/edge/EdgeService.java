package io.waymark.edge;

import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.KeyRing;
import io.waymark.common.seal.KeySealer;
import io.waymark.common.service.Service;
import io.waymark.common.service.ServiceContext;
import io.waymark.common.token.TrackingTokenCodec;
import io.waymark.edge.internal.AcmeChallengeHandler;
import io.waymark.edge.internal.BotClassifier;
import io.waymark.edge.internal.CertificateStore;
import io.waymark.edge.internal.ChallengeStore;
import io.waymark.edge.internal.ClientAddressPolicy;
import io.waymark.edge.internal.CompactedTopicReader;
import io.waymark.edge.internal.ConnectionLimitHandler;
import io.waymark.edge.internal.EdgeChannelInitializer;
import io.waymark.edge.internal.EdgeMetrics;
import io.waymark.edge.internal.EventSpool;
import io.waymark.edge.internal.HttpRequestGuardHandler;
import io.waymark.edge.internal.NotFoundHandler;
import io.waymark.edge.internal.SpoolLog;
import io.waymark.edge.internal.TlsContextFactory;
import io.waymark.edge.internal.TrackingHandler;
import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The edge as a {@link Service} of the common frame: wires the certificate and challenge readers,
 * the event spool and producer, and the {@link EdgeServer}; registers {@code /readyz} checks that
 * pass once both compacted topics have been read to their end at start-up.
 */
public final class EdgeService implements Service {

    private volatile EdgeServer server;
    private volatile EdgeMetrics metrics;
    private volatile EventSpool spool;
    private volatile CertificateStore certificates;

    @Override
    public Map<String, String> defaults() {
        Map<String, String> defaults = new java.util.LinkedHashMap<>(EdgeConfig.defaults());
        defaults.put("admin.port", "9402");
        return defaults;
    }

    @Override
    public void start(ServiceContext context) throws Exception {
        EdgeConfig config = EdgeConfig.from(context.config());
        EdgeMetrics edgeMetrics = new EdgeMetrics(context.meterRegistry(), context.meterNames());
        KeySealer sealer = new KeySealer(KeyRing.load(context.config(), KeyPurpose.SEAL));
        TrackingTokenCodec codec = new TrackingTokenCodec(KeyRing.load(context.config(), KeyPurpose.TOKEN));
        Topics topics = Topics.withPrefix(config.topicPrefix());

        TlsContextFactory tls = TlsContextFactory.detect();
        ThreadPoolExecutor buildExecutor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("edge-tls-build"));
        context.manage("tls-context-builds", buildExecutor::shutdownNow);
        CertificateStore store = new CertificateStore(sealer, tls, config.contextCacheSize(), buildExecutor, edgeMetrics);
        ChallengeStore challengeStore = new ChallengeStore(Clock.systemUTC());

        CompactedTopicReader<?> certificateReader = context.manage("certificate-reader", new CompactedTopicReader<>(
                config.bootstrapServers(), topics.certificates(), store::apply, () -> edgeMetrics.certificate("bad_record")).start());
        CompactedTopicReader<?> challengeReader = context.manage("challenge-reader", new CompactedTopicReader<>(
                config.bootstrapServers(), topics.acmeChallenges(), challengeStore::apply, () -> edgeMetrics.request("bad_challenge_record")).start());
        context.readinessCheck("certificates", certificateReader::caughtUp);
        context.readinessCheck("challenges", challengeReader::caughtUp);

        Topic<String, TrackingEvent> events = topics.trackingEvents();
        SpoolLog log = SpoolLog.open(config.spoolDirectory(), config.spoolSegmentBytes(), config.spoolQuotaBytes());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(config, events),
                new StringSerializer(), new ByteArraySerializer());
        EventSpool eventSpool = context.manage("event-spool",
                new EventSpool(log, events, producer, config.spoolFsyncInterval(), 65_536, edgeMetrics).start());

        EdgeChannelInitializer.Shared shared = new EdgeChannelInitializer.Shared(
                edgeMetrics,
                new ConnectionLimitHandler(config.maxConnections(), edgeMetrics),
                store,
                new AcmeChallengeHandler(challengeStore, edgeMetrics),
                new TrackingHandler(codec, eventSpool, new ClientAddressPolicy(config.trustedProxies(), config.proxyProtocol()),
                        new BotClassifier(config.scannerUserAgents(), config.privacyProxyRanges()),
                        config.nodeName(), Clock.systemUTC(), edgeMetrics),
                new HttpRequestGuardHandler(edgeMetrics),
                new NotFoundHandler(edgeMetrics),
                config.maxInitialLineBytes(), config.maxHeaderBytes(),
                config.readTimeout().toMillis(), config.idleTimeout().toMillis(), config.handshakeTimeout().toMillis(),
                config.headerTimeout().toMillis(), config.proxyProtocol(), config.proxyProtocolSources());
        EdgeServer edgeServer = context.manage("edge-server", EdgeServer.start(config, shared));

        this.metrics = edgeMetrics;
        this.spool = eventSpool;
        this.certificates = store;
        this.server = edgeServer;
    }

    static Properties producerProperties(EdgeConfig config, Topic<String, TrackingEvent> events) {
        long delivery = config.deliveryTimeout().toMillis();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "waymark-edge-" + config.nodeName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        // Events are already durable in the spool: a longer linger costs nothing but latency to
        // the sink, and fewer, fuller batches cost the broker far less (48 partitions by message id).
        p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(config.kafkaLinger().toMillis()));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.kafkaCompression());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(1000, Math.min(30_000, (delivery - 5) / 2))));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(delivery));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(events.maxMessageBytes()));
        return p;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The running server, once started (tests, diagnostics). */
    public EdgeServer server() {
        return server;
    }

    /** The metrics, once started. */
    public EdgeMetrics metrics() {
        return metrics;
    }

    /** The event spool, once started. */
    public EventSpool spool() {
        return spool;
    }

    /** The certificate store, once started. */
    public CertificateStore certificates() {
        return certificates;
    }
}
