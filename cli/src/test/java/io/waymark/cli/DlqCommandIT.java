package io.waymark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.embedded.KafkaCluster;
import io.waymark.embedded.KafkaExtension;
import io.waymark.schemas.OutboundMessage;
import io.waymark.schemas.kafka.DeadLetterHeaders;
import io.waymark.schemas.kafka.Topic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class DlqCommandIT {

    @TempDir
    Path home;

    private TestKafka kafka;
    private Topic<String, byte[]> dlq;
    private byte[] original;

    @BeforeEach
    void setUp(KafkaCluster cluster) {
        kafka = TestKafka.withFreshTopics(cluster.bootstrapServers());
        dlq = kafka.topics().dlq("rewriter");
        OutboundMessage message = OutboundMessage.newBuilder().setMessageId("m-7").setSendingDomain("shop.example")
                .setRecipient("jo@reader.example").setRaw(ByteBuffer.wrap("Subject: x\r\n\r\nbody\r\n"
                        .getBytes(StandardCharsets.US_ASCII))).build();
        original = kafka.topics().outbound().valueSerde().serializer().serialize(kafka.topics().outbound().name(), message);
    }

    @Test
    void listShowsWhereEachDeadLetterCameFromAndWhy() throws Exception {
        RecordMetadata at = deadLetter("m-7", kafka.topics().outbound().name());

        CliRun run = CliRun.run(kafka.environment(home), "dlq", "list", "rewriter");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains(at.partition() + ":" + at.offset() + "  key m-7  failed at 2026-11-28T21:00:00Z")
                .contains("from   " + kafka.topics().outbound().name() + " partition 2 offset 17")
                .contains("error  io.waymark.rewriter.RewriteException: MALFORMED_MIME: multipart/mixed without a "
                        + "valid boundary at part (message)")
                .contains("value  " + original.length + " bytes")
                .contains("1 dead letters on " + dlq.name());
    }

    @Test
    void replayPutsTheOriginalBytesBackOnTheOriginalTopic() throws Exception {
        // Given a dead letter from outbound
        RecordMetadata at = deadLetter("m-7", kafka.topics().outbound().name());
        String offset = at.partition() + ":" + at.offset();

        // When dry-run, nothing is published
        CliRun dry = CliRun.run(kafka.environment(home), "dlq", "replay", dlq.name(), "--offset", offset, "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("would replay  " + offset + "  key m-7  to " + kafka.topics().outbound().name());
        assertThat(kafka.readAll(kafka.topics().outbound())).isEmpty();

        // When replayed
        CliRun run = CliRun.run(kafka.environment(home), "dlq", "replay", "rewriter", "--offset", offset);

        // Then the original key and bytes are on outbound, marked with where they came from
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("replayed  " + offset + "  key m-7  to " + kafka.topics().outbound().name())
                .contains("replayed 1 of 1 selected dead letters from " + dlq.name());
        List<ConsumerRecord<String, OutboundMessage>> back = kafka.readAll(kafka.topics().outbound());
        assertThat(back).hasSize(1);
        assertThat(back.get(0).key()).isEqualTo("m-7");
        assertThat(back.get(0).value().getMessageId()).isEqualTo("m-7");
        assertThat(new String(back.get(0).headers().lastHeader(DlqCommand.REPLAYED_FROM).value(), StandardCharsets.UTF_8))
                .isEqualTo(dlq.name() + "/" + at.partition() + "/" + at.offset());
        assertThat(back.get(0).headers().lastHeader(DeadLetterHeaders.ERROR_CLASS)).isNull();
        assertThat(kafka.readAll(dlq)).hasSize(1);
    }

    @Test
    void replayAllRefusesOriginalsOutsideTheCatalog() throws Exception {
        deadLetter("m-7", kafka.topics().outbound().name());
        deadLetter("m-8", "someone-elses.topic");

        CliRun run = CliRun.run(kafka.environment(home), "dlq", "replay", "rewriter", "--all");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(run.out()).contains("original topic 'someone-elses.topic' is not a topic of the catalog")
                .contains("replayed 1 of 2 selected dead letters");
        assertThat(kafka.readAll(kafka.topics().outbound())).extracting(ConsumerRecord::key).containsExactly("m-7");
    }

    @Test
    void anOffsetWithoutDeadLetterIsNamed() throws Exception {
        deadLetter("m-7", kafka.topics().outbound().name());

        CliRun run = CliRun.run(kafka.environment(home), "dlq", "replay", "rewriter", "--offset", "0:999");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--offset '0:999': no dead letter at partition 0 offset 999");
    }

    private RecordMetadata deadLetter(String key, String originalTopic) throws Exception {
        Map<String, String> headers = Map.of(
                DeadLetterHeaders.ORIGINAL_TOPIC, originalTopic,
                DeadLetterHeaders.ORIGINAL_PARTITION, "2",
                DeadLetterHeaders.ORIGINAL_OFFSET, "17",
                DeadLetterHeaders.SERVICE, "rewriter",
                DeadLetterHeaders.ERROR_CLASS, "io.waymark.rewriter.RewriteException",
                DeadLetterHeaders.ERROR_MESSAGE, "MALFORMED_MIME: multipart/mixed without a valid boundary at part (message)",
                DeadLetterHeaders.FAILED_AT, "1795899600000");
        List<Header> list = headers.entrySet().stream()
                .map(e -> (Header) new RecordHeader(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8))).toList();
        return kafka.produceRaw(new ProducerRecord<>(dlq.name(), null, key.getBytes(StandardCharsets.UTF_8), original,
                list));
    }
}
