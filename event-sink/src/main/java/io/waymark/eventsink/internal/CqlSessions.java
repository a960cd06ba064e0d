package io.waymark.eventsink.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import io.waymark.common.config.HostPort;
import io.waymark.eventsink.EventSinkConfig;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Opens the sink's {@link CqlSession}: the driver's reference settings plus ours (request
 * timeout and consistency from the config, a reconnection delay capped at 10 s so a node that
 * comes back is used again quickly, enough stream ids per connection for the in-flight bound).
 */
public final class CqlSessions {

    private CqlSessions() {
    }

    /** Connects to the cluster (no keyspace: statements name it). */
    public static CqlSession open(EventSinkConfig config) {
        int requestsPerConnection = Math.min(32_768, Math.max(1024, config.maxInFlight() * 8));
        DriverConfigLoader loader = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, config.requestTimeout())
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, config.consistency().name())
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(500))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(10))
                .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, requestsPerConnection)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
                .withString(DefaultDriverOption.SESSION_NAME, "waymark-event-sink")
                .build();
        CqlSessionBuilder builder = CqlSession.builder()
                .withConfigLoader(loader)
                .withLocalDatacenter(config.localDatacenter());
        for (HostPort point : config.contactPoints()) {
            builder.addContactPoint(new InetSocketAddress(point.host(), point.port()));
        }
        if (config.username().isPresent() && config.password().isPresent()) {
            builder.withAuthCredentials(config.username().get(), config.password().get().reveal());
        }
        return builder.build();
    }

    /** Readiness: the session is open and at least one node is up. */
    public static boolean usable(CqlSession session) {
        return !session.isClosed() && session.getMetadata().getNodes().values().stream()
                .anyMatch(n -> n.getState() == NodeState.UP);
    }
}
