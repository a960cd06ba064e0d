package io.waymark.local.internal;

import io.waymark.embedded.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A service of the local stack in its own JVM: {@code java <small-heap options> -cp <this JVM's
 * classpath> <main class> --config config/<name>.properties}, secrets in its environment, output
 * in {@code logs/<name>.log}. Ready when {@code GET /readyz} on its admin port answers 200.
 */
public final class ServiceProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final ServiceSpec spec;
    private final ChildJvm process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private ServiceProcess(ServiceSpec spec, ChildJvm process) {
        this.spec = spec;
        this.process = process;
    }

    /** Writes the service's config file and starts its JVM (it is not ready yet). */
    public static ServiceProcess start(ServiceSpec spec, StackHome home) {
        Path config = home.config().resolve(spec.name() + ".properties");
        writeConfig(spec, config);
        try {
            Files.createDirectories(home.data(spec.name()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + home.data(spec.name()), e);
        }
        List<String> jvm = new ArrayList<>(List.of("-Xms32m", "-Xmx" + spec.maxHeap(), "-Xss512k",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.net.preferIPv4Stack=true"));
        ChildJvm process = ChildJvm.start(spec.name(), jvm, spec.mainClass(), List.of("--config", config.toString()),
                home.data(spec.name()), home.log(spec.name()), spec.secretEnvironment());
        return new ServiceProcess(spec, process);
    }

    public String name() {
        return spec.name();
    }

    public ChildJvm process() {
        return process;
    }

    /** Waits until {@code /readyz} answers 200; fails with the log's tail when the JVM exits first. */
    public void awaitReady() {
        URI readyz = URI.create("http://127.0.0.1:" + spec.adminPort() + "/readyz");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited during start-up; last lines of "
                        + process.logFile() + ":\n" + LogTail.of(process.logFile()));
            }
            if (answers(readyz)) {
                return;
            }
            pause();
        }
        throw new IllegalStateException(spec.name() + " was not ready within " + READY_TIMEOUT.toSeconds()
                + " s (" + readyz + "); last lines of " + process.logFile() + ":\n" + LogTail.of(process.logFile()));
    }

    /** SIGTERM (the service frame shuts down in order), SIGKILL after a grace period. */
    public void stop() {
        process.terminate(STOP_GRACE);
    }

    private boolean answers(URI readyz) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + spec.name(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void writeConfig(ServiceSpec spec, Path file) {
        Properties properties = new Properties();
        spec.settings().forEach(properties::setProperty);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, spec.name() + " in the Waymark local stack (regenerated at every start)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
