package io.waymark.local;

import io.waymark.embedded.CassandraProcess;
import io.waymark.embedded.ChildJvm;
import io.waymark.embedded.KafkaProcess;
import io.waymark.embedded.PebblePorts;
import io.waymark.embedded.PebbleProcess;
import io.waymark.local.internal.LocalKeys;
import io.waymark.local.internal.LocalServices;
import io.waymark.local.internal.PemFiles;
import io.waymark.local.internal.PortGuard;
import io.waymark.local.internal.ProgressPrinter;
import io.waymark.local.internal.ServiceProcess;
import io.waymark.local.internal.ServiceSpec;
import io.waymark.local.internal.StackHome;
import io.waymark.schemas.kafka.TopicAdmin;
import io.waymark.schemas.kafka.Topics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * All of Waymark on one machine: Pebble with pebble-challtestsrv, a Kafka broker and a Cassandra
 * node (child processes from {@code waymark-embedded}), every topic of the catalog, and the
 * services (event-sink, edge, rewriter, provisioner and, when present, renewer) in child JVMs
 * with their production main classes and configuration keys, all on loopback.
 *
 * <p>{@link #start} refuses to begin when a port is taken, prints each part's start-up as it
 * happens and publishes {@link LocalEndpoints} to {@code <home>/stack.properties} once
 * everything is ready. {@link #close()} stops the services first (SIGTERM, then SIGKILL after a
 * grace period), then Kafka, Cassandra and Pebble, and withdraws the endpoints file.
 */
public final class LocalStack implements AutoCloseable {

    private static final String EMBEDDED_DIR_PROPERTY = "waymark.embedded.dir";

    private final StackHome home;
    private final LocalEndpoints endpoints;
    private final ProgressPrinter progress;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile PebbleProcess pebble;
    private volatile KafkaProcess kafka;
    private volatile CassandraProcess cassandra;
    private final List<ServiceProcess> services = new ArrayList<>();

    private LocalStack(StackHome home, LocalEndpoints endpoints, ProgressPrinter progress) {
        this.home = home;
        this.endpoints = endpoints;
        this.progress = progress;
    }

    /**
     * Starts the stack in {@code home} on {@code ports} and returns once every part is ready.
     *
     * @param fresh delete {@code <home>/data} first
     * @throws PortGuard.PortInUseException when a port is taken (nothing was started)
     */
    public static LocalStack start(Path home, LocalPorts ports, boolean fresh, PrintStream out) {
        StackHome layout = new StackHome(home);
        if (System.getProperty(EMBEDDED_DIR_PROPERTY) == null) {
            // child records live with the stack, so the next start finds what a killed launcher left
            System.setProperty(EMBEDDED_DIR_PROPERTY, layout.run().toString());
        }
        ChildJvm.sweepOrphans();
        PortGuard.requireFree(ports.purposes());
        layout.prepare(fresh);
        LocalStack stack = new LocalStack(layout, ports.endpoints(home), new ProgressPrinter(out));
        try {
            stack.startAll(ports);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Where the running stack listens. */
    public LocalEndpoints endpoints() {
        return endpoints;
    }

    /** Every process of the stack that is alive, descendants included (for leak checks and RSS sampling). */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle root : roots()) {
            if (root.isAlive()) {
                all.add(root);
                root.descendants().forEach(all::add);
            }
        }
        return all;
    }

    /** Blocks until one part of the stack exits on its own; returns its name. */
    public String awaitUnexpectedExit() {
        List<CompletableFuture<String>> exits = new ArrayList<>();
        for (Map.Entry<String, ProcessHandle> part : parts().entrySet()) {
            exits.add(part.getValue().onExit().thenApply(handle -> part.getKey()));
        }
        return (String) CompletableFuture.anyOf(exits.toArray(CompletableFuture[]::new)).join();
    }

    /** Whether {@link #close()} has begun: parts exiting now are being stopped, not failing. */
    public boolean stopping() {
        return closed.get();
    }

    /** Blocks until a {@link #close()} running on another thread has stopped every part. */
    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops everything, services first; safe to call more than once and from several threads. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            stopAll();
        } finally {
            stopped.countDown();
        }
    }

    private void stopAll() {
        endpoints.withdraw();
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        synchronized (services) {
            for (ServiceProcess service : services) {
                stops.add(CompletableFuture.runAsync(() -> progress.step(service.name(), "stopping", "stopped",
                        () -> run(service::stop))));
            }
        }
        stops.forEach(LocalStack::joinQuietly);
        if (kafka != null) {
            progress.step("kafka", "stopping", "stopped", () -> run(kafka::close));
        }
        if (cassandra != null) {
            progress.step("cassandra", "stopping", "stopped", () -> run(cassandra::close));
        }
        if (pebble != null) {
            progress.step("pebble", "stopping", "stopped", () -> run(pebble::close));
        }
    }

    private void startAll(LocalPorts ports) {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        try {
            CompletableFuture<Void> ca = track(started, async(() -> startPebble(ports)));
            CompletableFuture<Void> broker = track(started, async(() -> startKafka(ports)));
            CompletableFuture<Void> store = track(started, async(() -> startCassandra(ports)));
            joinAll(List.of(ca, broker));

            PemFiles.write(endpoints.acmeRootsPem(), pebble.issuingRoots());
            Path acmeTrust = home.data().resolve("acme-tls-ca.pem");
            PemFiles.write(acmeTrust, List.of(pebble.tlsCertificateAuthority()));
            progress.step("topics", "creating", "ready", this::createTopics);

            // services that only need Kafka start while Cassandra is still coming up
            LocalKeys keys = LocalKeys.loadOrCreate(endpoints.keysFile());
            for (ServiceSpec spec : LocalServices.of(home, ports, endpoints, keys, acmeTrust)) {
                Runnable start = () -> startService(spec);
                track(started, spec.needsCassandra() ? store.thenRunAsync(start, LocalStack::daemon) : async(start));
            }
            joinAll(started);
        } catch (RuntimeException e) {
            // let every part that is starting finish or fail, so close() sees all of them
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).exceptionally(t -> null).join();
            throw e;
        }
        if (!LocalServices.renewerAvailable()) {
            progress.line("renewer", "not on the classpath (" + LocalServices.RENEWER_MAIN + "), not started");
        }
        endpoints.publish();
    }

    private void startPebble(LocalPorts ports) {
        pebble = progress.step("pebble", "starting", "ready", () -> PebbleProcess.start(home.data("pebble"),
                ports.edgeHttp(), new PebblePorts(ports.pebbleAcme(), ports.pebbleManagement(),
                        ports.pebbleTlsAlpn(), ports.challengeDns(), ports.challengeManagement())));
        home.linkLog("pebble", home.data("pebble").resolve("pebble.log"));
        home.linkLog("pebble-challtestsrv", home.data("pebble").resolve("challtestsrv.log"));
    }

    private void startKafka(LocalPorts ports) {
        kafka = progress.step("kafka", "starting", "ready",
                () -> KafkaProcess.start(home.data("kafka"), ports.kafka(), ports.kafkaController()));
        home.linkLog("kafka", home.data("kafka").resolve("kafka.log"));
    }

    private void startCassandra(LocalPorts ports) {
        cassandra = progress.step("cassandra", "starting", "ready", () -> CassandraProcess.launch(
                home.data("cassandra"), ports.cassandraStorage(), ports.cassandraCql()));
        home.linkLog("cassandra", home.data("cassandra").resolve("cassandra.log"));
    }

    private void startService(ServiceSpec spec) {
        progress.step(spec.name(), "starting", "ready", () -> {
            ServiceProcess service = ServiceProcess.start(spec, home);
            synchronized (services) {
                services.add(service);
            }
            service.awaitReady();
            return service;
        });
    }

    private Object createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoints.kafkaBootstrapServers()))) {
            return new TopicAdmin(admin).ensure(Topics.withPrefix(endpoints.topicPrefix()).all());
        }
    }

    private List<ProcessHandle> roots() {
        return new ArrayList<>(parts().values());
    }

    private Map<String, ProcessHandle> parts() {
        Map<String, ProcessHandle> parts = new LinkedHashMap<>();
        synchronized (services) {
            services.forEach(service -> parts.put(service.name(), service.process().handle()));
        }
        if (kafka != null && kafka.isAlive()) {
            ProcessHandle.of(kafka.pid()).ifPresent(handle -> parts.put("kafka", handle));
        }
        if (cassandra != null && cassandra.isAlive()) {
            ProcessHandle.of(cassandra.pid()).ifPresent(handle -> parts.put("cassandra", handle));
        }
        if (pebble != null) {
            List<Long> pids = pebble.pids();
            ProcessHandle.of(pids.get(0)).ifPresent(handle -> parts.put("pebble", handle));
            ProcessHandle.of(pids.get(1)).ifPresent(handle -> parts.put("pebble-challtestsrv", handle));
        }
        return parts;
    }

    private static CompletableFuture<Void> async(Runnable action) {
        return CompletableFuture.runAsync(action, LocalStack::daemon);
    }

    private static void daemon(Runnable runnable) {
        Thread thread = new Thread(runnable, "waymark-local-start");
        thread.setDaemon(true);
        thread.start();
    }

    private static CompletableFuture<Void> track(List<CompletableFuture<Void>> all, CompletableFuture<Void> future) {
        all.add(future);
        return future;
    }

    private static void joinAll(List<CompletableFuture<Void>> futures) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            Throwable cause = e;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static void joinQuietly(CompletableFuture<Void> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            // already reported as FAILED by the progress printer; keep stopping the rest
        }
    }

    private static Object run(Runnable action) {
        action.run();
        return null;
    }

}
