package io.waymark.common.service;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.waymark.common.config.Config;
import io.waymark.common.config.ConfigSource;
import io.waymark.common.service.internal.ComponentCloser;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Service} for its whole life. A service's {@code main} is one line,
 * {@code ServiceRuntime.run("edge", args, new EdgeService())}: configuration is loaded (defaults,
 * file, {@code WAYMARK_*} environment), JVM metrics are bound, the {@link AdminServer} starts
 * (so liveness answers during a slow start), the service starts, readiness turns on, and a
 * shutdown hook waits for SIGTERM. Shutdown marks the service not ready, closes its components
 * newest first within {@code shutdown.timeout}, then stops the admin server. Tests use
 * {@link #start} and {@link #close()} directly.
 */
public final class ServiceRuntime implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(ServiceRuntime.class);

    private final String serviceName;
    private final Config config;
    private final AdminConfig adminConfig;
    private final PrometheusMeterRegistry registry;
    private final ReadinessRegistry readiness;
    private final ServiceContext context;
    private final JvmGcMetrics gcMetrics;
    private final AdminServer admin;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Thread shutdownHook;

    private ServiceRuntime(String serviceName, Config config) throws Exception {
        this.serviceName = serviceName;
        this.config = config;
        this.adminConfig = AdminConfig.from(config);
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("service", serviceName);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        this.readiness = new ReadinessRegistry();
        this.context = new ServiceContext(serviceName, config, registry, readiness);
        try {
            this.admin = AdminServer.start(adminConfig.host(), adminConfig.port(), registry, readiness);
        } catch (IOException | RuntimeException e) {
            gcMetrics.close();
            registry.close();
            throw new IOException("cannot start the admin server on " + adminConfig.host() + ":"
                    + adminConfig.port() + " (" + AdminConfig.PORT + "): " + e.getMessage(), e);
        }
    }

    /**
     * The whole life of a service process: returns after a shutdown completed. On a start-up
     * failure (bad configuration included) it logs the cause and exits the JVM with status 1,
     * because threads the service already started could otherwise keep a broken process alive.
     */
    public static void run(String serviceName, String[] args, Service service) {
        ServiceRuntime runtime;
        try {
            ConfigSource source = ConfigSource.load(args, System.getenv(), defaults(service));
            runtime = start(serviceName, new Config(source), service);
        } catch (Exception e) {
            LOGGER.atError().addKeyValue("service", serviceName).setCause(e)
                    .log("service failed to start: {}", e.getMessage());
            System.exit(1);
            return;
        }
        runtime.installShutdownHook();
        runtime.awaitStopped();
    }

    /**
     * Starts {@code service} with {@code config} and returns once its {@code start} returned
     * and readiness is on. If {@code start} throws, everything already registered is closed and
     * the exception is rethrown.
     */
    public static ServiceRuntime start(String serviceName, Config config, Service service) throws Exception {
        Objects.requireNonNull(service, "service");
        MeterNames.forService(serviceName);
        long begin = System.nanoTime();
        LOGGER.atInfo().addKeyValue("service", serviceName).log("service starting");
        ServiceRuntime runtime = new ServiceRuntime(serviceName, config);
        try {
            service.start(runtime.context);
        } catch (Exception | Error e) {
            runtime.close();
            throw e;
        }
        runtime.readiness.markRunning();
        LOGGER.atInfo().addKeyValue("service", serviceName).addKeyValue("adminPort", runtime.adminPort())
                .addKeyValue("tookMs", (System.nanoTime() - begin) / 1_000_000).log("service started");
        return runtime;
    }

    /** Frame defaults overlaid with the service's own defaults. */
    public static Map<String, String> defaults(Service service) {
        Map<String, String> merged = new HashMap<>(AdminConfig.DEFAULTS);
        merged.putAll(service.defaults());
        return merged;
    }

    public String serviceName() {
        return serviceName;
    }

    public Config config() {
        return config;
    }

    public AdminConfig adminConfig() {
        return adminConfig;
    }

    /** The registry behind {@code /metrics}. */
    public PrometheusMeterRegistry meterRegistry() {
        return registry;
    }

    /** The admin server's bound port. */
    public int adminPort() {
        return admin.port();
    }

    /** Installs the JVM shutdown hook that calls {@link #close()} on SIGTERM/SIGINT. */
    public void installShutdownHook() {
        Thread hook = new Thread(this::close, serviceName + "-shutdown");
        shutdownHook = hook;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Graceful shutdown; idempotent and safe to call from any thread, including the hook. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        long begin = System.nanoTime();
        LOGGER.atInfo().addKeyValue("service", serviceName).log("service stopping");
        readiness.markStopping();
        List<String> problems = ComponentCloser.closeInReverse(context.components(), adminConfig.shutdownTimeout());
        admin.close();
        gcMetrics.close();
        registry.close();
        removeShutdownHook();
        LOGGER.atInfo().addKeyValue("service", serviceName)
                .addKeyValue("tookMs", (System.nanoTime() - begin) / 1_000_000)
                .addKeyValue("unclean", problems).log("service stopped");
        stopped.countDown();
    }

    private void removeShutdownHook() {
        Thread hook = shutdownHook;
        if (hook == null || Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook will find us closed.
        }
    }
}
