package io.waymark.rewriter;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.common.host.Hostname;
import io.waymark.common.token.TrackingToken;
import io.waymark.common.token.TrackingTokenCodec;
import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import io.waymark.schemas.OutboundMessage;
import io.waymark.schemas.kafka.DeadLetterHeaders;
import io.waymark.schemas.kafka.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology with TopologyTestDriver: the status lookup, failures and dead letters. */
class RewriterTopologyTest {

    private static final String HTML = "From: a@shop.example\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            + "<html><body><a href=\"https://shop.example/x?a=1&amp;b=2\">x</a></body></html>\r\n";

    @TempDir
    Path stateDir;

    private byte[] key;
    private RewriterConfig config;
    private TopologyTestDriver driver;
    private TestInputTopic<String, OutboundMessage> outbound;
    private TestInputTopic<String, DomainStatus> status;
    private TestInputTopic<String, byte[]> rawOutbound;
    private TestOutputTopic<String, OutboundMessage> tracked;
    private TestOutputTopic<String, byte[]> dlq;

    @BeforeEach
    void start() {
        key = TestTokens.randomKey();
        config = new RewriterConfig("dummy:9092", "rewriter-test", Topics.withPrefix("t."), stateDir, 1,
                "exactly_once_v2", Duration.ofMillis(100), "email.{domain}", TrackingToken.MAX_URL_BYTES,
                "data-waymark", 32 * 1024 * 1024, Duration.ofSeconds(45), TestTokens.ring(key));
        Properties props = config.streamsProperties();
        driver = new TopologyTestDriver(RewriterTopology.buildTopology(config), props);
        Topics topics = config.topics();
        outbound = driver.createInputTopic(topics.outbound().name(), Serdes.String().serializer(),
                topics.outbound().valueSerde().serializer());
        rawOutbound = driver.createInputTopic(topics.outbound().name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        status = driver.createInputTopic(topics.domainStatus().name(), Serdes.String().serializer(),
                topics.domainStatus().valueSerde().serializer());
        tracked = driver.createOutputTopic(topics.outboundTracked().name(), Serdes.String().deserializer(),
                topics.outboundTracked().valueSerde().deserializer());
        dlq = driver.createOutputTopic(topics.dlq("rewriter").name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void linksFollowTheDomainStatus() throws Exception {
        // Given no status yet: http with the default host
        assertThat(send("m1")).startsWith("http://email.shop.example/c/");

        // When PENDING, then ISSUED, RENEWING, DEGRADED, EXPIRED, DISABLED, ISSUED again
        status("PENDING", null);
        String pending = send("m2");
        status("ISSUED", null);
        String issued = send("m3");
        status("RENEWING", null);
        String renewing = send("m4");
        status("DEGRADED", null);
        String degraded = send("m5");
        status("EXPIRED", null);
        String expired = send("m6");
        status("DISABLED", null);
        String disabled = send("m7");
        status("FAILED", null);
        String failed = send("m8");

        // Then
        assertThat(pending).startsWith("http://email.shop.example/c/");
        assertThat(issued).startsWith("https://email.shop.example/c/");
        assertThat(renewing).startsWith("https://email.shop.example/c/");
        assertThat(degraded).startsWith("https://email.shop.example/c/");
        assertThat(expired).startsWith("http://email.shop.example/c/");
        assertThat(disabled).startsWith("http://email.shop.example/c/");
        assertThat(failed).startsWith("http://email.shop.example/c/");
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void theTrackingHostOfTheStatusIsUsedAndTokensVerifyThere() throws Exception {
        // Given
        status("ISSUED", "t.mail.shop.example");

        // When
        String link = send("m1");

        // Then
        assertThat(link).startsWith("https://t.mail.shop.example/c/");
        String token = link.substring(link.lastIndexOf('/') + 1);
        TrackingToken decoded = new TrackingTokenCodec(TestTokens.ring(key))
                .decode(token, Hostname.parse("t.mail.shop.example"));
        assertThat(decoded.url()).isEqualTo("https://shop.example/x?a=1&b=2");
        assertThat(decoded.messageId()).isEqualTo("m1");
        assertThat(decoded.sendingDomain()).isEqualTo(Hostname.parse("shop.example"));
    }

    @Test
    void aMessageThatCannotBeRewrittenGoesOutUnchangedWithADeadLetter() {
        // Given a multipart without boundary
        byte[] broken = "Content-Type: multipart/mixed\r\n\r\n<a href=\"https://shop.example/\">x</a>\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        OutboundMessage message = message("m1", broken);

        // When
        outbound.pipeInput("m1", message);

        // Then
        OutboundMessage out = tracked.readValue();
        assertThat(bytes(out.getRaw())).isEqualTo(broken);
        TestRecord<String, byte[]> dead = dlq.readRecord();
        assertThat(dead.key()).isEqualTo("m1");
        assertThat(config.topics().outbound().valueSerde().deserializer().deserialize("x", dead.value()))
                .isEqualTo(message);
        assertThat(header(dead, DeadLetterHeaders.ERROR_MESSAGE)).contains("MALFORMED_MIME");
        assertThat(header(dead, DeadLetterHeaders.SERVICE)).isEqualTo("rewriter");
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("t.outbound");
    }

    @Test
    void anInvalidSendingDomainGoesOutUnchangedWithADeadLetter() {
        // Given
        OutboundMessage message = OutboundMessage.newBuilder(message("m1", HTML.getBytes(StandardCharsets.UTF_8)))
                .setSendingDomain("not a domain").build();

        // When
        outbound.pipeInput("m1", message);

        // Then
        assertThat(tracked.readValue()).isEqualTo(message);
        assertThat(header(dlq.readRecord(), DeadLetterHeaders.ERROR_CLASS)).contains("InvalidHostname");
    }

    @Test
    void undecodableRecordsDoNotStopProcessing() throws Exception {
        // Given (the dead letter itself is asserted by DeadLetterDeserializationHandlerTest and RewriterIT:
        // TopologyTestDriver does not capture records a deserialization handler returns)
        byte[] garbage = {1, 2, 3, 4};

        // When
        rawOutbound.pipeInput("bad", garbage);
        String link = send("good");

        // Then
        assertThat(link).startsWith("http://email.shop.example/c/");
    }

    @Test
    void messagesWithoutTrackingPassThroughUntouched() {
        // Given
        OutboundMessage message = OutboundMessage.newBuilder(message("m1", HTML.getBytes(StandardCharsets.UTF_8)))
                .setTrackClicks(false).setTrackOpens(false).build();

        // When
        outbound.pipeInput("m1", message);

        // Then
        assertThat(tracked.readValue()).isEqualTo(message);
        assertThat(dlq.isEmpty()).isTrue();
    }

    private String send(String id) throws Exception {
        outbound.pipeInput(id, message(id, HTML.getBytes(StandardCharsets.UTF_8)));
        TestRecord<String, OutboundMessage> out = tracked.readRecord();
        assertThat(out.key()).isEqualTo(id);
        String text = new String(bytes(out.value().getRaw()), StandardCharsets.UTF_8);
        Matcher m = TrackedParts.TOKEN_URL.matcher(text);
        assertThat(m.find()).isTrue();
        return m.group();
    }

    private long version;

    private void status(String state, String host) {
        status.pipeInput("shop.example", DomainStatus.newBuilder().setSendingDomain("shop.example")
                .setTrackingHost(host).setState(DomainState.valueOf(state)).setReason(null).setNotAfter(null)
                .setUpdatedAt(Instant.now()).setVersion(++version).build());
    }

    private static OutboundMessage message(String id, byte[] raw) {
        return OutboundMessage.newBuilder().setMessageId(id).setSendingDomain("Shop.Example")
                .setRecipient("ann@example.org").setRaw(ByteBuffer.wrap(raw)).setTrackClicks(true)
                .setTrackOpens(true).setRewriteTextPlain(false).setTags(Map.of("campaign", "c1")).build();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
