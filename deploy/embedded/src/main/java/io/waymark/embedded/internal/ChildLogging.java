package io.waymark.embedded.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Logging of a child JVM: a logback configuration that writes INFO to stdout, which the
 * launcher appends to the run directory's log file. Without it Cassandra would log at DEBUG
 * and Kafka would pick up whatever {@code logback-test.xml} the test classpath carries.
 */
public final class ChildLogging {

    private ChildLogging() {
    }

    /** Writes {@code logback.xml} into {@code dir} and returns the JVM option that selects it. */
    public static String logbackOption(Path dir) {
        Path file = dir.resolve("logback.xml");
        String xml = """
                <configuration>
                  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder>
                      <pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern>
                    </encoder>
                  </appender>
                  <logger name="org.apache.kafka.clients" level="WARN"/>
                  <logger name="kafka.server.KafkaConfig" level="WARN"/>
                  <root level="INFO">
                    <appender-ref ref="STDOUT"/>
                  </root>
                </configuration>
                """;
        try {
            Files.writeString(file, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return "-Dlogback.configurationFile=" + file.toAbsolutePath();
    }
}
