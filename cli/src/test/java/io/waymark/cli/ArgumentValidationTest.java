package io.waymark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.schemas.kafka.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arguments are checked before any server is contacted, and each error names the argument. The
 * Kafka address points at a loopback port nothing listens on, so a check that came too late
 * would show up as exit code 2 instead of 64.
 */
class ArgumentValidationTest {

    @TempDir
    Path home;

    private CliEnvironment environment;

    @BeforeEach
    void nothingListens() throws IOException {
        environment = CliRun.environment(home, Map.of("WAYMARK_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closedPort(),
                "WAYMARK_CASSANDRA_CONTACT_POINTS", "127.0.0.1:" + closedPort()));
    }

    @Test
    void anInvalidDomainIsNamed() {
        CliRun run = CliRun.run(environment, "domain", "enable", "shop_example.com");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("DOMAIN: invalid hostname 'shop_example.com'").doesNotContain("\tat ");
    }

    @Test
    void anInvalidTrackingHostIsNamed() {
        CliRun run = CliRun.run(environment, "domain", "enable", "shop.example", "--tracking-host", "*.shop.example");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--tracking-host: invalid hostname '*.shop.example'");
    }

    @Test
    void aTrackingHostOutsideTheDomainIsRefused() {
        CliRun run = CliRun.run(environment, "domain", "enable", "shop.example", "--tracking-host", "email.other.example");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--tracking-host 'email.other.example' must be a subdomain of shop.example");
    }

    @Test
    void anEmailAddressIsNoOperatorId() {
        CliRun run = CliRun.run(environment, "domain", "disable", "shop.example", "--requested-by", "ops@shop.example");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--requested-by 'ops@shop.example'");
    }

    @Test
    void aMissingMessageFileIsNamed() {
        Path missing = home.resolve("nowhere.eml");

        CliRun run = CliRun.run(environment, "send", missing.toString(), "--domain", "shop.example");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("FILE.eml '" + missing + "' does not exist");
    }

    @Test
    void aDirectoryIsNoMessageFile() {
        CliRun run = CliRun.run(environment, "send", home.toString(), "--domain", "shop.example");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("FILE.eml '" + home + "' cannot be read");
    }

    @Test
    void aMessageWithoutRecipientNeedsTheFlag() throws IOException {
        Path eml = Files.writeString(home.resolve("m.eml"), "Subject: hi\r\n\r\nbody\r\n", StandardCharsets.US_ASCII);

        CliRun run = CliRun.run(environment, "send", eml.toString(), "--domain", "shop.example");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no --recipient given and no address in the To: header of " + eml);
    }

    @Test
    void eventsListNeedsExactlyOneOfDomainAndMessage() {
        CliRun both = CliRun.run(environment, "events", "list", "--domain", "shop.example", "--message", "m-1");
        CliRun neither = CliRun.run(environment, "events", "list");

        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(neither.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(neither.err()).contains("Missing required argument");
    }

    @Test
    void aBadSinceIsNamed() {
        CliRun run = CliRun.run(environment, "events", "list", "--domain", "shop.example", "--since", "yesterday");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--since 'yesterday' is neither a duration");
    }

    @Test
    void sinceTakesDurationsAndInstants() {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");

        assertThat(EventsCommand.ListEvents.sinceInstant("90m", null, now)).isEqualTo("2026-11-28T10:30:00Z");
        assertThat(EventsCommand.ListEvents.sinceInstant("2026-11-01T00:00:00Z", null, now))
                .isEqualTo("2026-11-01T00:00:00Z");
        assertThat(EventsCommand.ListEvents.sinceInstant(null, Duration.ofHours(24), now))
                .isEqualTo("2026-11-27T12:00:00Z");
        assertThat(EventsCommand.ListEvents.sinceInstant(null, null, now)).isEqualTo(Instant.EPOCH);
    }

    @Test
    void durationsAreReadAsOperatorsTypeThem() {
        assertThat(DurationArgument.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationArgument.parse("3m")).isEqualTo(Duration.ofMinutes(3));
        assertThat(DurationArgument.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationArgument.parse("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationArgument.format(Duration.ofMinutes(3))).isEqualTo("3m");
        assertThat(DurationArgument.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationArgument.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThatThrownBy(() -> DurationArgument.parse("-5s")).hasMessageContaining("'-5s' is not a duration");
        assertThatThrownBy(() -> DurationArgument.parse("soon")).hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void aBadDlqServiceIsNamed() {
        CliRun run = CliRun.run(environment, "dlq", "list", "Bad Service");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("SERVICE|TOPIC 'Bad Service'");
    }

    @Test
    void dlqTopicsAreNamedByServiceOrName() {
        Topics topics = Topics.withPrefix("staging.");

        assertThat(DlqCommand.dlqTopic(topics, "rewriter").name()).isEqualTo("staging.dlq.rewriter");
        assertThat(DlqCommand.dlqTopic(topics, "dlq.edge").name()).isEqualTo("staging.dlq.edge");
        assertThat(DlqCommand.dlqTopic(topics, "staging.dlq.event-sink").name()).isEqualTo("staging.dlq.event-sink");
    }

    @Test
    void theRecipientComesFromTheToHeader() {
        byte[] named = "From: a@x.example\r\nTo: \"Jo Reader\" <jo@reader.example>\r\n\r\nTo: no@body.example\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] bare = "to: jo@reader.example, other@reader.example\n\nbody\n".getBytes(StandardCharsets.US_ASCII);
        byte[] none = "Subject: x\r\n\r\nTo: no@body.example\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(SendCommand.recipientOf(named)).contains("jo@reader.example");
        assertThat(SendCommand.recipientOf(bare)).contains("jo@reader.example");
        assertThat(SendCommand.recipientOf(none)).isEmpty();
    }

    @Test
    void trackingLinksAreFoundAcrossQuotedPrintableSoftBreaks() {
        byte[] message = ("<a href=3D\"https://email.shop.example/c/AQAB=\r\ncdEF-_9\">x</a>\r\n"
                + "<img src=3D\"http://email.shop.example/o/AQEx\"> https://www.shop.example/plain\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(SendCommand.trackingLinks(message))
                .containsExactly("https://email.shop.example/c/AQABcdEF-_9", "http://email.shop.example/o/AQEx");
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
