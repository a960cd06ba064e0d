package io.waymark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.common.config.Config;
import io.waymark.common.service.ServiceRuntime;
import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.rewriter.RewriterConfig;
import io.waymark.rewriter.RewriterService;
import io.waymark.schemas.OutboundMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class SendCommandIT {

    private static final String MESSAGE = """
            From: News <news@shop.example>\r
            To: "Jo Reader" <jo@reader.example>\r
            Subject: Winter sale\r
            Message-ID: <winter-1@shop.example>\r
            MIME-Version: 1.0\r
            Content-Type: text/html; charset=utf-8\r
            \r
            <html><body><p>Hello!</p>\r
            <a href="https://www.shop.example/sale?c=winter">Sale</a>\r
            <a href="https://www.shop.example/boots">Boots</a>\r
            </body></html>\r
            """;

    @TempDir
    Path home;

    private TestKafka kafka;
    private Path eml;

    @BeforeEach
    void setUp(KafkaCluster cluster) throws Exception {
        kafka = TestKafka.withFreshTopics(cluster.bootstrapServers());
        eml = Files.writeString(home.resolve("winter.eml"), MESSAGE, StandardCharsets.UTF_8);
    }

    @Test
    void sendPublishesTheMessageAsAnOutboundMessage() throws Exception {
        // When
        CliRun run = CliRun.run(kafka.environment(home), "send", eml.toString(), "--domain", "Shop.Example",
                "--message-id", "m-42", "--no-opens", "--text", "--tag", "campaign=winter", "--tag", "stream=news");

        // Then the id is printed and the record carries the file's bytes and the flags
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("m-42" + System.lineSeparator());
        List<ConsumerRecord<String, OutboundMessage>> records = kafka.readAll(kafka.topics().outbound());
        assertThat(records).hasSize(1);
        OutboundMessage message = records.get(0).value();
        assertThat(records.get(0).key()).isEqualTo("m-42");
        assertThat(message.getMessageId()).isEqualTo("m-42");
        assertThat(message.getSendingDomain()).isEqualTo("shop.example");
        assertThat(message.getRecipient()).isEqualTo("jo@reader.example");
        assertThat(bytes(message.getRaw())).isEqualTo(Files.readAllBytes(eml));
        assertThat(message.getTrackClicks()).isTrue();
        assertThat(message.getTrackOpens()).isFalse();
        assertThat(message.getRewriteTextPlain()).isTrue();
        assertThat(message.getTags()).containsExactlyInAnyOrderEntriesOf(Map.of("campaign", "winter", "stream", "news"));
    }

    @Test
    void sendWaitShowsTheLinksTheRewriterMadeAndTheyDecode() throws Exception {
        // Given the real rewriter on this prefix, with a token key also written to a key file
        String key = "k1:" + Base64.getEncoder().encodeToString(SecureRandom.getInstanceStrong().generateSeed(32));
        Path keyFile = Files.writeString(home.resolve("token.keys"), key + "\n", StandardCharsets.US_ASCII);
        try (ServiceRuntime rewriter = ServiceRuntime.start("rewriter", Config.of(rewriterSettings(key)),
                new RewriterService())) {

            // When
            CliRun run = CliRun.run(kafka.environment(home), "send", eml.toString(), "--domain", "shop.example",
                    "--recipient", "kim@reader.example", "--links", "--timeout", "120s");

            // Then: the id, then a click link per link and the pixel, http:// (the domain has no certificate)
            assertThat(run.exitCode()).as(run.toString()).isZero();
            List<String> lines = run.out().lines().toList();
            String id = lines.get(0);
            assertThat(UUID.fromString(id)).isNotNull();
            assertThat(lines.subList(1, lines.size())).hasSize(3)
                    .allMatch(l -> l.startsWith("http://email.shop.example/"))
                    .filteredOn(l -> l.contains("/c/")).hasSize(2);

            // And the first click link decodes to the first URL of the message, for this message id
            CliRun decoded = CliRun.run(kafka.environment(home), "token", "decode", lines.get(1), "--key-file",
                    keyFile.toString());
            assertThat(decoded.exitCode()).as(decoded.toString()).isZero();
            assertThat(decoded.out()).contains("\"verified\":true", "\"messageId\":\"" + id + "\"",
                    "\"url\":\"https://www.shop.example/sale?c=winter\"", "\"sendingDomain\":\"shop.example\"");
        }
    }

    @Test
    void sendWaitPrintsTheWholeRewrittenMessage() throws Exception {
        String key = "k1:" + Base64.getEncoder().encodeToString(SecureRandom.getInstanceStrong().generateSeed(32));
        try (ServiceRuntime rewriter = ServiceRuntime.start("rewriter", Config.of(rewriterSettings(key)),
                new RewriterService())) {

            CliRun run = CliRun.run(kafka.environment(home), "send", eml.toString(), "--domain", "shop.example",
                    "--wait", "--timeout", "120s");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.rawText()).startsWith("From: News <news@shop.example>\r\n")
                    .contains("Subject: Winter sale\r\n", "http://email.shop.example/c/", "http://email.shop.example/o/")
                    .doesNotContain("href=\"https://www.shop.example/sale?c=winter\"");
        }
    }

    private Map<String, String> rewriterSettings(String tokenKey) {
        Map<String, String> settings = new HashMap<>(ServiceRuntime.defaults(new RewriterService()));
        settings.put(RewriterConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(RewriterConfig.TOPIC_PREFIX, kafka.topics().prefix());
        settings.put(RewriterConfig.APPLICATION_ID, "cli-it-" + UUID.randomUUID());
        settings.put(RewriterConfig.STATE_DIR, home.resolve("streams").toString());
        settings.put(RewriterConfig.THREADS, "1");
        settings.put("token.keys", tokenKey);
        settings.put("admin.host", "127.0.0.1");
        settings.put("admin.port", "0");
        return settings;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
