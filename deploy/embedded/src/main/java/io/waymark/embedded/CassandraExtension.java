package io.waymark.embedded;

import io.waymark.embedded.internal.InfraMode;
import io.waymark.embedded.internal.SharedServers;
import io.waymark.embedded.internal.containers.CassandraContainerNode;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects the {@link CassandraNode} shared by every test class of this
 * JVM, started on first use: a {@link CassandraProcess} child JVM, or a {@code cassandra:5.0}
 * container when Docker answers ({@code -Dwaymark.infra} forces either). Tests sharing it use
 * their own keyspaces; a test that stops the node must start it again before it returns.
 *
 * <pre>{@code
 * @ExtendWith(CassandraExtension.class)
 * class SinkIT {
 *     @Test void writes(CassandraNode cassandra) {
 *         try (CqlSession s = CqlSession.builder().addContactPoint(cassandra.contactPoint())
 *                 .withLocalDatacenter(cassandra.localDatacenter()).build()) { ... }
 *     }
 * }
 * }</pre>
 */
public final class CassandraExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == CassandraNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return shared(extensionContext);
    }

    /** The JVM-wide node, for code that holds an {@link ExtensionContext} but no parameter. */
    public static CassandraNode shared(ExtensionContext context) {
        if (InfraMode.selected() == InfraMode.CONTAINERS) {
            return SharedServers.get(context, CassandraContainerNode.class, CassandraContainerNode::launch);
        }
        return SharedServers.get(context, CassandraProcess.class, CassandraProcess::launch);
    }
}
