package io.waymark.rewriter;

import io.waymark.common.service.Service;
import io.waymark.common.service.ServiceContext;
import io.waymark.common.service.ServiceRuntime;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rewriter process on the common service frame: reads {@link RewriterConfig}, starts the
 * Kafka Streams app of {@link RewriterTopology}, reports ready while it is RUNNING (or
 * rebalancing) and closes it on SIGTERM. {@code main} is the container's entry point.
 */
public final class RewriterService implements Service {

    private static final Logger LOGGER = LoggerFactory.getLogger(RewriterService.class);

    public static void main(String[] args) {
        ServiceRuntime.run(RewriterTopology.SERVICE, args, new RewriterService());
    }

    @Override
    public Map<String, String> defaults() {
        return RewriterConfig.DEFAULTS;
    }

    @Override
    public void start(ServiceContext context) {
        RewriterConfig config = RewriterConfig.from(context.config());
        RewriterMetrics metrics = new RewriterMetrics(context.meterRegistry());
        Properties properties = config.streamsProperties();
        properties.put(DeadLetterDeserializationHandler.METRICS, metrics);
        KafkaStreams streams = new KafkaStreams(RewriterTopology.buildTopology(config, metrics), properties);
        streams.setUncaughtExceptionHandler(e -> {
            LOGGER.atError().setCause(e).log("stream thread died, replacing it");
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        context.manage("kafka-streams", () -> streams.close(java.time.Duration.ofSeconds(20)));
        context.readinessCheck("kafka-streams", () -> streams.state() == KafkaStreams.State.RUNNING
                || streams.state() == KafkaStreams.State.REBALANCING);
        LOGGER.atInfo().addKeyValue("applicationId", config.applicationId())
                .addKeyValue("guarantee", config.processingGuarantee())
                .addKeyValue("topics", config.topics().prefix()).log("starting rewriter streams");
        streams.start();
    }
}
