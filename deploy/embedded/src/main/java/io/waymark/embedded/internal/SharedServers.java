package io.waymark.embedded.internal;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one instance of each shared server per test JVM in the root {@link ExtensionContext}
 * store: the first test that asks starts it, every later test class gets the same instance,
 * and JUnit closes it when the whole test plan is done. The {@link ProcessReaper} covers an
 * exit that skips that.
 */
public final class SharedServers {

    private static final Logger LOGGER = LoggerFactory.getLogger(SharedServers.class);
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create("io.waymark.embedded", "shared");

    private SharedServers() {
    }

    /** The shared server of type {@code type}, started by {@code starter} on first use. */
    public static <T extends AutoCloseable> T get(ExtensionContext context, Class<T> type, Supplier<T> starter) {
        Holder holder = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(type, key -> new Holder(start(type, starter)), Holder.class);
        return type.cast(holder.server);
    }

    /** A server that lives as long as {@code context} (e.g. one test method). */
    public static <T extends AutoCloseable> T perContext(ExtensionContext context, Object key, Class<T> type,
            Supplier<T> starter) {
        Holder holder = context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> new Holder(start(type, starter)), Holder.class);
        return type.cast(holder.server);
    }

    private static <T extends AutoCloseable> T start(Class<T> type, Supplier<T> starter) {
        long begin = System.nanoTime();
        T server = starter.get();
        LOGGER.info("Started test server {} in {} ms", type.getSimpleName(), (System.nanoTime() - begin) / 1_000_000);
        return server;
    }

    /** JUnit closes {@link AutoCloseable} store values when their context ends. */
    private static final class Holder implements AutoCloseable {
        private final AutoCloseable server;

        Holder(AutoCloseable server) {
            this.server = server;
        }

        @Override
        public void close() {
            LOGGER.info("Closing {}", server);
            try {
                server.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while closing " + server, e);
            } catch (Exception e) {
                throw new IllegalStateException("closing " + server + " failed", e);
            }
        }
    }
}
