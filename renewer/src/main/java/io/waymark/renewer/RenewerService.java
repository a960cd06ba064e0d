package io.waymark.renewer;

import io.waymark.common.service.Service;
import io.waymark.common.service.ServiceContext;
import io.waymark.renewer.internal.AcmeRenewalWindowSource;
import io.waymark.renewer.internal.AriLookups;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The renewer on the service frame: reads {@link RenewerConfig}, starts the ARI executor and the
 * Kafka Streams app of {@link RenewerTopology}, is ready while Streams runs (or rebalances) and
 * closes both on SIGTERM.
 */
public final class RenewerService implements Service {

    private static final Logger LOGGER = LoggerFactory.getLogger(RenewerService.class);

    @Override
    public Map<String, String> defaults() {
        return RenewerConfig.DEFAULTS;
    }

    @Override
    public void start(ServiceContext context) {
        RenewerConfig config = RenewerConfig.from(context.config());
        RenewerMetrics metrics = new RenewerMetrics(context.meterRegistry());
        RenewalWindowSource source = config.acmeDirectory()
                .<RenewalWindowSource>map(uri -> AcmeRenewalWindowSource.forDirectory(uri, config.acmeTrustPem(),
                        config.ariTimeout()))
                .orElse(RenewalWindowSource.NONE);
        AriLookups lookups = context.manage("ari-lookups",
                AriLookups.pooled(source, config.ariConcurrency(), config.ariQueue(), metrics));
        Properties properties = config.streamsProperties();
        properties.put(UndecodableRecordHandler.METRICS, metrics);
        KafkaStreams streams = new KafkaStreams(RenewerTopology.buildTopology(config, metrics, lookups), properties);
        streams.setUncaughtExceptionHandler(e -> {
            LOGGER.atError().setCause(e).log("renewer stream thread died, replacing it");
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        // leave the group on a deliberate stop: the partitions move at once, not after the session timeout
        context.manage("kafka-streams", () -> streams.close(CloseOptions.timeout(Duration.ofSeconds(20))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)));
        context.readinessCheck("kafka-streams", () -> streams.state() == KafkaStreams.State.RUNNING
                || streams.state() == KafkaStreams.State.REBALANCING);
        LOGGER.atInfo().addKeyValue("applicationId", config.applicationId())
                .addKeyValue("ari", config.acmeDirectory().map(Object::toString).orElse("off"))
                .addKeyValue("rate", config.rateCapacity() + "/" + config.ratePeriod())
                .log("starting renewer streams");
        streams.start();
    }
}
