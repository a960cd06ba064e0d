package io.waymark.embedded.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the command line of a child JVM: the {@code java} of the running JDK, JVM options, a
 * classpath, a main class and its arguments. Also knows where each server's classpath comes
 * from: Kafka's is this JVM's own (it depends on {@code kafka_2.13}), Cassandra's is the list
 * resolved at build time by {@code waymark-cassandra-runtime}. Either can be overridden by a
 * system property.
 */
public final class JavaCommand {

    /** Overrides the Kafka child's classpath. */
    public static final String KAFKA_CLASSPATH_PROPERTY = "waymark.kafka.classpath";
    /** Overrides the Cassandra child's classpath. */
    public static final String CASSANDRA_CLASSPATH_PROPERTY = "waymark.cassandra.classpath";
    private static final String CASSANDRA_CLASSPATH_RESOURCE = "/META-INF/waymark/cassandra-runtime.classpath";

    private final List<String> jvmOptions = new ArrayList<>();
    private String classpath;
    private String mainClass;
    private final List<String> arguments = new ArrayList<>();

    public JavaCommand jvm(String... options) {
        jvmOptions.addAll(Arrays.asList(options));
        return this;
    }

    public JavaCommand classpath(String value) {
        this.classpath = value;
        return this;
    }

    public JavaCommand main(String className, String... args) {
        this.mainClass = className;
        this.arguments.addAll(Arrays.asList(args));
        return this;
    }

    public List<String> toList() {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    /** The classpath for {@code kafka.Kafka} and {@code kafka.tools.StorageTool}. */
    public static String kafkaClasspath() {
        String configured = System.getProperty(KAFKA_CLASSPATH_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return System.getProperty("java.class.path");
    }

    /** The classpath of {@code cassandra-all}, resolved at build time, never this JVM's. */
    public static String cassandraClasspath() {
        String configured = System.getProperty(CASSANDRA_CLASSPATH_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try (InputStream in = JavaCommand.class.getResourceAsStream(CASSANDRA_CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CASSANDRA_CLASSPATH_RESOURCE
                        + " is missing: add io.waymark:waymark-cassandra-runtime or set -D"
                        + CASSANDRA_CLASSPATH_PROPERTY);
            }
            List<String> entries = Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .split("[\\r\\n" + File.pathSeparator + "]+"))
                    .map(String::trim)
                    .filter(entry -> !entry.isEmpty())
                    .collect(Collectors.toList());
            List<String> missing = entries.stream().filter(e -> !Files.exists(Path.of(e))).collect(Collectors.toList());
            if (entries.isEmpty() || !missing.isEmpty()) {
                throw new IllegalStateException("Cassandra classpath from the build names jars that are not here"
                        + " (rebuild deploy/cassandra-runtime on this machine or set -D"
                        + CASSANDRA_CLASSPATH_PROPERTY + "): " + missing);
            }
            return String.join(File.pathSeparator, entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
