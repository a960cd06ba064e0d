package io.waymark.cli.internal;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import io.waymark.cli.CliEnvironment;
import io.waymark.common.config.Config;
import io.waymark.common.config.ConfigSource;
import io.waymark.common.config.HostPort;
import io.waymark.eventsink.EventQueries;
import io.waymark.eventsink.EventSinkConfig;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A Cassandra session on the event sink's keyspace and its {@link EventQueries}. The contact
 * points and datacenter come from the {@link Target}; every other setting (keyspace, bucket
 * count, consistency, request timeout, credentials) is read exactly as the sink reads it, from
 * the same {@code WAYMARK_*} variables, through {@link EventSinkConfig}.
 */
public final class EventStore implements AutoCloseable {

    private final CqlSession session;
    private final EventQueries queries;

    private EventStore(CqlSession session, EventQueries queries) {
        this.session = session;
        this.queries = queries;
    }

    /**
     * @throws UnreachableTargetException when no contact point answers within the timeout
     */
    public static EventStore open(Target target, CliEnvironment environment) {
        EventSinkConfig config = sinkConfig(target, environment.variables());
        DriverConfigLoader loader = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, config.requestTimeout())
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, environment.timeout())
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, environment.timeout())
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, environment.timeout())
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, config.consistency().name())
                .withBoolean(DefaultDriverOption.RECONNECT_ON_INIT, false)
                .build();
        CqlSessionBuilder builder = CqlSession.builder()
                .withConfigLoader(loader)
                .withLocalDatacenter(config.localDatacenter());
        config.contactPoints().forEach(p -> builder.addContactPoint(p.toSocketAddress()));
        if (config.username().isPresent() && config.password().isPresent()) {
            builder.withAuthCredentials(config.username().get(), config.password().get().reveal());
        }
        CqlSession session;
        try {
            session = builder.build();
        } catch (AllNodesFailedException | DriverTimeoutException e) {
            throw unreachable(target, environment, e);
        }
        try {
            return new EventStore(session, EventQueries.of(session, config));
        } catch (InvalidQueryException e) {
            session.close();
            throw new MissingResourceException("cannot read the event tables in keyspace " + config.keyspace() + " ("
                    + e.getMessage() + "): has the event sink run there? Set WAYMARK_CASSANDRA_KEYSPACE to its keyspace",
                    e);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The event sink's settings with the target's contact points and datacenter. */
    static EventSinkConfig sinkConfig(Target target, Map<String, String> variables) {
        for (String point : target.cassandra().value().split(",")) {
            try {
                HostPort.parse(point.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(target.cassandra().origin() + " '" + target.cassandra().value()
                        + "' is not a list of host:port", e);
            }
        }
        Map<String, String> env = new HashMap<>(variables);
        env.put(ConfigSource.envName(EventSinkConfig.CONTACT_POINTS), target.cassandra().value());
        env.put(ConfigSource.envName(EventSinkConfig.LOCAL_DATACENTER), target.datacenter().value());
        return EventSinkConfig.from(new Config(ConfigSource.of(EventSinkConfig.DEFAULTS, Map.of(), env)));
    }

    private static UnreachableTargetException unreachable(Target target, CliEnvironment environment, Exception e) {
        return new UnreachableTargetException("Cassandra", target.cassandra(), "--cassandra",
                TargetResolver.CASSANDRA_VARIABLE, environment.timeout(), e);
    }

    /** The sink's read side. */
    public EventQueries queries() {
        return queries;
    }

    @Override
    public void close() {
        session.close();
    }
}
