package io.waymark.embedded;

import io.waymark.embedded.internal.ChildProcess;
import io.waymark.embedded.internal.LogFile;
import io.waymark.embedded.internal.RunDirectories;
import io.waymark.embedded.internal.pebble.PebbleClient;
import io.waymark.embedded.internal.pebble.PebbleEndpoints;
import io.waymark.embedded.internal.pebble.PebbleSetup;
import io.waymark.embedded.internal.pebble.TlsCertificates;
import io.waymark.embedded.internal.pebble.TrustMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pebble and pebble-challtestsrv (Debian package {@code pebble}) as child processes: a real
 * ACME CA that validates HTTP-01 challenges against 127.0.0.1:{@link #http01Port()}. The HTTPS
 * identity of the CA is generated at start-up (see {@link AcmeServer} for the two kinds of
 * trust); every other port is free. Pebble runs with {@code PEBBLE_VA_NOSLEEP=1}, so validation
 * is immediate but real. Binaries come from {@code -Dwaymark.pebble.binary} and
 * {@code -Dwaymark.pebble.challtestsrv.binary}, default {@code /usr/bin/...}.
 */
public final class PebbleProcess implements AcmeServer, AutoCloseable {

    /** Path of the pebble binary. */
    public static final String PEBBLE_BINARY_PROPERTY = "waymark.pebble.binary";
    /** Path of the pebble-challtestsrv binary. */
    public static final String CHALLTESTSRV_BINARY_PROPERTY = "waymark.pebble.challtestsrv.binary";

    private static final Logger LOGGER = LoggerFactory.getLogger(PebbleProcess.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Path directory;
    private final ChildProcess challengeServer;
    private final ChildProcess pebble;
    private final PebbleEndpoints endpoints;

    private PebbleProcess(Path directory, ChildProcess challengeServer, ChildProcess pebble, PebbleEndpoints endpoints) {
        this.directory = directory;
        this.challengeServer = challengeServer;
        this.pebble = pebble;
        this.endpoints = endpoints;
    }

    /** Starts Pebble with its files in {@code directory}, validating HTTP-01 on {@code http01Port}. */
    public static PebbleProcess start(Path directory, int http01Port) {
        // the HTTP-01 port was picked earlier and is bound only later, by the test's responder
        return start(directory, http01Port, PebblePorts.freeExcept(http01Port));
    }

    /** Like {@link #start(Path, int)} with Pebble's and challtestsrv's own ports fixed by the caller. */
    public static PebbleProcess start(Path directory, int http01Port, PebblePorts ports) {
        return start(directory, http01Port, ports, Map.of());
    }

    /**
     * Like {@link #start(Path, int, PebblePorts)}, but Pebble requires external account binding
     * and accepts the given MAC keys (key id → base64url key), as commercial ACME CAs do.
     */
    public static PebbleProcess start(Path directory, int http01Port, PebblePorts ports,
                                      Map<String, String> externalAccountKeys) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        long begin = System.nanoTime();
        PebbleSetup setup = new PebbleSetup(directory.toAbsolutePath(), ports.acme(), ports.management(),
                http01Port, ports.tlsAlpn(), ports.dns(), ports.challengeManagement(), externalAccountKeys);
        TlsCertificates tls = TlsCertificates.generate();
        setup.writeConfig(tls, setup.directory().toString());
        SSLContext sslContext = TrustMaterial.sslContext(tls.authority());
        PebbleClient client = new PebbleClient(setup, sslContext);

        ChildProcess challengeServer = ChildProcess.start("pebble-challtestsrv",
                command(CHALLTESTSRV_BINARY_PROPERTY, "/usr/bin/pebble-challtestsrv", setup.challengeServerArguments()),
                setup.directory(), setup.directory().resolve("challtestsrv.log"), Map.of());
        ChildProcess pebble = null;
        try {
            client.awaitChallengeServer(challengeServer::isAlive, () -> LogFile.tail(challengeServer.logFile()));
            pebble = ChildProcess.start("pebble",
                    command(PEBBLE_BINARY_PROPERTY, "/usr/bin/pebble", setup.pebbleArguments(setup.configFile().toString())),
                    setup.directory(), setup.directory().resolve("pebble.log"), Map.of("PEBBLE_VA_NOSLEEP", "1"));
            ChildProcess started = pebble;
            client.awaitPebble(started::isAlive, () -> LogFile.tail(started.logFile()));
            PebbleProcess process = new PebbleProcess(setup.directory(), challengeServer, pebble,
                    PebbleEndpoints.of(setup, tls, sslContext, client));
            LOGGER.info("Pebble ready directory={} http01Port={} in {} ms", process.directoryUri(), http01Port,
                    (System.nanoTime() - begin) / 1_000_000);
            return process;
        } catch (RuntimeException e) {
            if (pebble != null) {
                pebble.kill();
            }
            challengeServer.kill();
            throw e;
        }
    }

    /** Like {@link #start(Path, int)} in a fresh run directory that {@link #close()} empties (logs are kept). */
    public static PebbleProcess start(int http01Port) {
        return start(RunDirectories.create("pebble"), http01Port);
    }

    private static List<String> command(String property, String defaultPath, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty(property, defaultPath));
        command.addAll(arguments);
        return command;
    }

    /** Process ids of pebble and pebble-challtestsrv. */
    public List<Long> pids() {
        return List.of(pebble.pid(), challengeServer.pid());
    }

    public boolean isAlive() {
        return pebble.isAlive() && challengeServer.isAlive();
    }

    @Override
    public URI directoryUri() {
        return endpoints.directoryUri();
    }

    @Override
    public int http01Port() {
        return endpoints.http01Port();
    }

    @Override
    public URI managementUri() {
        return endpoints.managementUri();
    }

    @Override
    public X509Certificate tlsCertificateAuthority() {
        return endpoints.tlsCertificateAuthority();
    }

    @Override
    public String tlsCertificateAuthorityPem() {
        return endpoints.tlsCertificateAuthorityPem();
    }

    @Override
    public KeyStore trustStore() {
        return endpoints.trustStore();
    }

    @Override
    public SSLContext sslContext() {
        return endpoints.sslContext();
    }

    @Override
    public List<X509Certificate> issuingRoots() {
        return endpoints.issuingRoots();
    }

    @Override
    public List<X509Certificate> issuingIntermediates() {
        return endpoints.issuingIntermediates();
    }

    @Override
    public void close() {
        pebble.terminate(STOP_GRACE);
        challengeServer.terminate(STOP_GRACE);
        RunDirectories.deleteKeepingLogs(directory);
    }

    @Override
    public String toString() {
        return "PebbleProcess[" + directoryUri() + ", http01Port=" + http01Port() + "]";
    }
}
