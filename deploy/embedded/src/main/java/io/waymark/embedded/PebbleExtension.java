package io.waymark.embedded;

import io.waymark.embedded.internal.LoopbackPorts;
import io.waymark.embedded.internal.InfraMode;
import io.waymark.embedded.internal.SharedServers;
import io.waymark.embedded.internal.containers.PebbleContainers;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects the {@link AcmeServer} (Pebble + pebble-challtestsrv) shared
 * by every test class of this JVM, started on first use: child processes from the Debian
 * {@code pebble} package, or {@code letsencrypt} containers when Docker answers
 * ({@code -Dwaymark.infra} forces either).
 *
 * <p>The HTTP-01 port is {@code -Dwaymark.pebble.http01Port} or a free port picked at start;
 * a test binds its responder to {@link AcmeServer#http01Port()} on 127.0.0.1 and releases it
 * when done, since every test class shares the port.
 */
public final class PebbleExtension implements ParameterResolver {

    /** Fixes the port Pebble's validator connects to for HTTP-01. */
    public static final String HTTP01_PORT_PROPERTY = "waymark.pebble.http01Port";

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == AcmeServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return shared(extensionContext);
    }

    /** The JVM-wide ACME server, for code that holds an {@link ExtensionContext} but no parameter. */
    public static AcmeServer shared(ExtensionContext context) {
        if (InfraMode.selected() == InfraMode.CONTAINERS) {
            return SharedServers.get(context, PebbleContainers.class, () -> PebbleContainers.start(http01Port()));
        }
        return SharedServers.get(context, PebbleProcess.class, () -> PebbleProcess.start(http01Port()));
    }

    private static int http01Port() {
        String configured = System.getProperty(HTTP01_PORT_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return LoopbackPorts.free();
        }
        try {
            return Integer.parseInt(configured.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(HTTP01_PORT_PROPERTY + " must be a port number, not '" + configured + "'", e);
        }
    }
}
