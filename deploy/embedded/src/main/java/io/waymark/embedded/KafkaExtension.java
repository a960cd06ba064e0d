package io.waymark.embedded;

import io.waymark.embedded.internal.InfraMode;
import io.waymark.embedded.internal.SharedServers;
import io.waymark.embedded.internal.containers.KafkaContainerCluster;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects a real Kafka cluster.
 *
 * <ul>
 *   <li>A {@link KafkaCluster} parameter gets the cluster shared by every test class of this
 *       JVM, started on first use: an {@link InProcessKafka} node, or an {@code apache/kafka}
 *       container when Docker answers ({@code -Dwaymark.infra} forces either). Tests sharing
 *       it use their own topic names and consumer groups.</li>
 *   <li>A {@link KafkaProcess} parameter gets a dedicated child-process broker for the one
 *       test method (or class, for a constructor/lifecycle parameter), closed when it ends:
 *       for tests that kill and restart the broker. It is a child JVM in every mode.</li>
 * </ul>
 *
 * <pre>{@code
 * @ExtendWith(KafkaExtension.class)
 * class OrdersIT {
 *     @Test void roundTrip(KafkaCluster kafka) { ... kafka.bootstrapServers() ... }
 * }
 * }</pre>
 */
public final class KafkaExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == KafkaCluster.class || type == KafkaProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (parameterContext.getParameter().getType() == KafkaProcess.class) {
            return SharedServers.perContext(extensionContext, KafkaProcess.class, KafkaProcess.class,
                    KafkaProcess::start);
        }
        return shared(extensionContext);
    }

    /** The JVM-wide cluster, for code that holds an {@link ExtensionContext} but no parameter. */
    public static KafkaCluster shared(ExtensionContext context) {
        if (InfraMode.selected() == InfraMode.CONTAINERS) {
            return SharedServers.get(context, KafkaContainerCluster.class, KafkaContainerCluster::start);
        }
        return SharedServers.get(context, InProcessKafka.class, InProcessKafka::start);
    }
}
