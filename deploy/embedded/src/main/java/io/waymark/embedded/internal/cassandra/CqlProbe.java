package io.waymark.embedded.internal.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a node one CQL question ({@code SELECT release_version FROM system.local}); the node is
 * ready for tests once that answers.
 */
public final class CqlProbe {

    private static final Logger LOGGER = LoggerFactory.getLogger(CqlProbe.class);

    private CqlProbe() {
    }

    public static boolean answers(InetSocketAddress contactPoint, String datacenter) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(5))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(5))
                .build();
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(contactPoint)
                .withLocalDatacenter(datacenter)
                .withConfigLoader(config)
                .build()) {
            String version = session.execute("SELECT release_version FROM system.local").one().getString(0);
            LOGGER.debug("Cassandra {} answers CQL at {}", version, contactPoint);
            return true;
        } catch (RuntimeException e) {
            LOGGER.debug("CQL not answering yet at {}", contactPoint, e);
            return false;
        }
    }
}
