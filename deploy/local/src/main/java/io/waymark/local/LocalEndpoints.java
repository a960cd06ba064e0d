package io.waymark.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the parts of the local stack listen, as the operator's command line needs them: the
 * Kafka bootstrap servers and topic prefix, the Cassandra contact point, the edge's two ports,
 * Pebble's ACME directory and issuing roots, and the generated secrets file.
 *
 * <p>{@link #defaults(Path)} gives the fixed loopback ports documented in
 * {@code deploy/local/README.md}; {@link #running(Path)} reads {@code <home>/stack.properties},
 * which a running stack writes once every part is ready and deletes when it stops.
 *
 * @param kafkaBootstrapServers Kafka's {@code bootstrap.servers}, e.g. {@code 127.0.0.1:29092}
 * @param topicPrefix the prefix of every topic name, e.g. {@code waymark.}
 * @param cassandraContactPoint Cassandra's CQL address as {@code host:port}
 * @param cassandraDatacenter Cassandra's local datacenter name
 * @param edgeHttpPort the edge's plain HTTP port (HTTP-01 answers, http:// tracking)
 * @param edgeHttpsPort the edge's TLS port (https:// tracking)
 * @param acmeDirectory Pebble's ACME directory URL
 * @param acmeRootsPem the PEM file of Pebble's issuing root(s), fetched when the stack starts
 * @param keysFile the stack's generated secrets ({@code seal.keys}, {@code token.keys}), mode 0600
 * @param home the stack's home directory
 */
public record LocalEndpoints(
        String kafkaBootstrapServers,
        String topicPrefix,
        String cassandraContactPoint,
        String cassandraDatacenter,
        int edgeHttpPort,
        int edgeHttpsPort,
        URI acmeDirectory,
        Path acmeRootsPem,
        Path keysFile,
        Path home) {

    /** The system property naming the home directory of the local stack. */
    public static final String HOME_PROPERTY = "waymark.home";
    /** The topic prefix of the local stack (the production default). */
    public static final String TOPIC_PREFIX = "waymark.";
    /** Cassandra's datacenter name with {@code SimpleSnitch}. */
    public static final String DATACENTER = "datacenter1";

    static final String STACK_FILE = "stack.properties";

    public LocalEndpoints {
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(cassandraContactPoint, "cassandraContactPoint");
        Objects.requireNonNull(cassandraDatacenter, "cassandraDatacenter");
        Objects.requireNonNull(acmeDirectory, "acmeDirectory");
        Objects.requireNonNull(acmeRootsPem, "acmeRootsPem");
        Objects.requireNonNull(keysFile, "keysFile");
        Objects.requireNonNull(home, "home");
    }

    /** The home directory: {@code -Dwaymark.home}, else {@code .waymark} in the current directory. */
    public static Path defaultHome() {
        String configured = System.getProperty(HOME_PROPERTY);
        Path home = configured == null || configured.isBlank() ? Path.of(".waymark") : Path.of(configured);
        return home.toAbsolutePath().normalize();
    }

    /** The endpoints of a local stack in {@code home} on its fixed, documented loopback ports. */
    public static LocalEndpoints defaults(Path home) {
        return LocalPorts.defaults().endpoints(home);
    }

    /**
     * The endpoints a running stack in {@code home} published, or empty when no stack runs
     * there (no {@code stack.properties}).
     */
    public static Optional<LocalEndpoints> running(Path home) {
        Path file = home.resolve(STACK_FILE);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.of(fromProperties(home, properties));
    }

    /** Writes {@code <home>/stack.properties} atomically (the stack calls this once it is ready). */
    void publish() {
        Path file = home.resolve(STACK_FILE);
        Path temporary = home.resolve(STACK_FILE + ".tmp");
        Properties properties = new Properties();
        properties.setProperty("kafka.bootstrap-servers", kafkaBootstrapServers);
        properties.setProperty("kafka.topic-prefix", topicPrefix);
        properties.setProperty("cassandra.contact-point", cassandraContactPoint);
        properties.setProperty("cassandra.local-datacenter", cassandraDatacenter);
        properties.setProperty("edge.http-port", Integer.toString(edgeHttpPort));
        properties.setProperty("edge.https-port", Integer.toString(edgeHttpsPort));
        properties.setProperty("acme.directory", acmeDirectory.toString());
        properties.setProperty("acme.roots-pem", acmeRootsPem.toString());
        properties.setProperty("keys.file", keysFile.toString());
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            properties.store(writer, "Waymark local stack, written while it runs");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + temporary, e);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Deletes {@code <home>/stack.properties} (the stack calls this when it stops). */
    void withdraw() {
        try {
            Files.deleteIfExists(home.resolve(STACK_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + home.resolve(STACK_FILE), e);
        }
    }

    private static LocalEndpoints fromProperties(Path home, Properties properties) {
        return new LocalEndpoints(
                required(properties, "kafka.bootstrap-servers"),
                required(properties, "kafka.topic-prefix"),
                required(properties, "cassandra.contact-point"),
                required(properties, "cassandra.local-datacenter"),
                Integer.parseInt(required(properties, "edge.http-port")),
                Integer.parseInt(required(properties, "edge.https-port")),
                URI.create(required(properties, "acme.directory")),
                Path.of(required(properties, "acme.roots-pem")),
                Path.of(required(properties, "keys.file")),
                home);
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(STACK_FILE + " lacks " + key);
        }
        return value.trim();
    }
}
