package io.waymark.embedded.internal.containers;

import io.waymark.embedded.AcmeServer;
import io.waymark.embedded.PebblePorts;
import io.waymark.embedded.internal.RunDirectories;
import io.waymark.embedded.internal.pebble.PebbleClient;
import io.waymark.embedded.internal.pebble.PebbleEndpoints;
import io.waymark.embedded.internal.pebble.PebbleSetup;
import io.waymark.embedded.internal.pebble.TlsCertificates;
import io.waymark.embedded.internal.pebble.TrustMaterial;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Pebble and pebble-challtestsrv as {@code letsencrypt/*} containers, used when a Docker engine
 * answers. Both run in the host's network namespace with the same configuration as the
 * embedded pair (generated TLS identity, loopback ports), so Pebble's validator reaches an
 * HTTP-01 responder on the host's 127.0.0.1 exactly as in embedded mode. Host networking needs
 * a Linux Docker engine; on Docker Desktop force {@code -Dwaymark.infra=embedded} for Pebble.
 */
public final class PebbleContainers implements AcmeServer, AutoCloseable {

    /** Overrides the pebble image. */
    public static final String IMAGE_PROPERTY = "waymark.pebble.image";
    /** Overrides the pebble-challtestsrv image. */
    public static final String CHALLTESTSRV_IMAGE_PROPERTY = "waymark.pebble.challtestsrv.image";
    private static final String FILES = "/waymark";

    private final GenericContainer<?> challengeServer;
    private final GenericContainer<?> pebble;
    private final Path directory;
    private final PebbleEndpoints endpoints;

    private PebbleContainers(GenericContainer<?> challengeServer, GenericContainer<?> pebble, Path directory,
            PebbleEndpoints endpoints) {
        this.challengeServer = challengeServer;
        this.pebble = pebble;
        this.directory = directory;
        this.endpoints = endpoints;
    }

    @SuppressWarnings("resource") // closed by close(), or right here on failure
    public static PebbleContainers start(int http01Port) {
        Path directory = RunDirectories.create("pebble-containers");
        PebblePorts ports = PebblePorts.freeExcept(http01Port);
        PebbleSetup setup = new PebbleSetup(directory, ports.acme(), ports.management(), http01Port, ports.tlsAlpn(),
                ports.dns(), ports.challengeManagement());
        TlsCertificates tls = TlsCertificates.generate();
        setup.writeConfig(tls, FILES);
        SSLContext sslContext = TrustMaterial.sslContext(tls.authority());
        PebbleClient client = new PebbleClient(setup, sslContext);

        GenericContainer<?> challengeServer = new GenericContainer<>(DockerImageName.parse(
                System.getProperty(CHALLTESTSRV_IMAGE_PROPERTY, "letsencrypt/pebble-challtestsrv:latest")))
                .withNetworkMode("host")
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("pebble-challtestsrv"))
                .withCommand(setup.challengeServerArguments().toArray(String[]::new));
        GenericContainer<?> pebble = new GenericContainer<>(DockerImageName.parse(
                System.getProperty(IMAGE_PROPERTY, "letsencrypt/pebble:latest")))
                .withNetworkMode("host")
                .withEnv("PEBBLE_VA_NOSLEEP", "1")
                .withCopyFileToContainer(MountableFile.forHostPath(setup.configFile()), FILES + "/pebble-config.json")
                .withCopyFileToContainer(MountableFile.forHostPath(TlsCertificates.certificateFile(directory)),
                        FILES + "/" + TlsCertificates.certificateFile(directory).getFileName())
                .withCopyFileToContainer(MountableFile.forHostPath(TlsCertificates.keyFile(directory)),
                        FILES + "/" + TlsCertificates.keyFile(directory).getFileName())
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("pebble"))
                .withCommand(setup.pebbleArguments(FILES + "/pebble-config.json").toArray(String[]::new));
        try {
            challengeServer.start();
            client.awaitChallengeServer(challengeServer::isRunning, challengeServer::getLogs);
            pebble.start();
            client.awaitPebble(pebble::isRunning, pebble::getLogs);
            return new PebbleContainers(challengeServer, pebble, directory,
                    PebbleEndpoints.of(setup, tls, sslContext, client));
        } catch (RuntimeException e) {
            pebble.stop();
            challengeServer.stop();
            throw e;
        }
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
        pebble.stop();
        challengeServer.stop();
        RunDirectories.delete(directory);
    }
}
