package io.waymark.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.DomainStatus;
import io.waymark.schemas.SampleRecords;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class JsonLineFormatterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Topics TOPICS = Topics.defaults();

    private final JsonLineFormatter formatter = new JsonLineFormatter();

    @Test
    void printsOneJsonLinePerRecord() throws Exception {
        // Given
        Topic<String, DomainStatus> topic = TOPICS.domainStatus();
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), SampleRecords.domainStatus());
        ConsumerRecord<byte[], byte[]> record = record(topic.name(), "example.com", value, new RecordHeaders());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // When
        formatter.writeTo(record, new PrintStream(out, true, StandardCharsets.UTF_8));

        // Then
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).endsWith(System.lineSeparator()).doesNotContain("\n{");
        JsonNode line = MAPPER.readTree(printed);
        assertThat(line.get("topic").asText()).isEqualTo(topic.name());
        assertThat(line.get("partition").asInt()).isEqualTo(3);
        assertThat(line.get("offset").asLong()).isEqualTo(42);
        assertThat(line.get("timestamp").asLong()).isEqualTo(1_764_363_600_000L);
        assertThat(line.get("key").asText()).isEqualTo("example.com");
        assertThat(line.get("schema").asText()).isEqualTo("io.waymark.schemas.DomainStatus");
        assertThat(line.get("schemaVersion").asInt()).isEqualTo(1);
        JsonNode v = line.get("value");
        assertThat(v.get("state").asText()).isEqualTo("DEGRADED");
        assertThat(v.get("trackingHost").asText()).isEqualTo("email.example.com");
        assertThat(v.get("updatedAt").asText()).isEqualTo("2026-11-28T21:00:00.123Z");
        assertThat(v.get("version").asLong()).isEqualTo(9);
        assertThat(line.has("headers")).isFalse();
    }

    @Test
    void rendersBytesAsBase64AndNestedRecordsAsObjects() throws Exception {
        // Given
        Topic<String, CertificateRecord> topic = TOPICS.certificates();
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), SampleRecords.certificateRecord());

        // When
        JsonNode line = MAPPER.readTree(formatter.format(record(topic.name(), "email.example.com", value,
                new RecordHeaders())));

        // Then
        JsonNode key = line.get("value").get("sealedKey");
        assertThat(key.get("nonce").asText()).isEqualTo(Base64.getEncoder().encodeToString(
                new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) 0xff}));
        assertThat(key.get("ciphertext").asText()).isEqualTo("3q2+7w==");
        assertThat(line.get("value").get("ariWindowStart").asText()).startsWith("2027-01-27T21:00:00.123");
    }

    @Test
    void printsATombstoneAsNullValue() throws Exception {
        // Given / When
        JsonNode line = MAPPER.readTree(formatter.format(record(TOPICS.certificates().name(), "email.example.com",
                null, new RecordHeaders())));

        // Then
        assertThat(line.get("value").isNull()).isTrue();
        assertThat(line.has("error")).isFalse();
    }

    @Test
    void printsUndecodableValueAsAnErrorObject() throws Exception {
        // Given
        byte[] value = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 42};

        // When
        JsonNode line = MAPPER.readTree(formatter.format(record(TOPICS.domainStatus().name(), "x", value,
                new RecordHeaders())));

        // Then
        assertThat(line.has("value")).isFalse();
        JsonNode error = line.get("error");
        assertThat(error.get("fingerprint").asText()).isEqualTo("0807060504030201");
        assertThat(error.get("message").asText())
                .contains("topic " + TOPICS.domainStatus().name() + ", fingerprint 0807060504030201: unknown writer schema");
        assertThat(error.get("length").asInt()).isEqualTo(11);
        assertThat(Base64.getDecoder().decode(error.get("headBase64").asText())).isEqualTo(value);
    }

    @Test
    void printsGarbageWithoutFingerprintAsAnErrorObject() throws Exception {
        // Given / When
        JsonNode line = MAPPER.readTree(formatter.format(record(TOPICS.outbound().name(), "m", "hello".getBytes(
                StandardCharsets.UTF_8), new RecordHeaders())));

        // Then
        assertThat(line.get("error").get("fingerprint").isNull()).isTrue();
        assertThat(line.get("error").get("message").asText()).contains("bad magic");
    }

    @Test
    void printsDeadLettersAsBase64WithHeaders() throws Exception {
        // Given a dead letter of a prefixed deployment, configured through the formatter property
        formatter.configure(Map.of(JsonLineFormatter.TOPIC_PREFIX_PROPERTY, "staging."));
        String dlq = Topics.withPrefix("staging.").dlq("rewriter").name();
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.ERROR_MESSAGE, "MIME boundary missing".getBytes(StandardCharsets.UTF_8));
        headers.add("binary", new byte[] {(byte) 0xff, 0x00});
        byte[] original = "not avro".getBytes(StandardCharsets.UTF_8);

        // When
        JsonNode line = MAPPER.readTree(formatter.format(record(dlq, "msg-1", original, headers)));

        // Then
        assertThat(line.get("topic").asText()).isEqualTo(dlq).startsWith("staging.");
        assertThat(Base64.getDecoder().decode(line.get("valueBase64").asText())).isEqualTo(original);
        assertThat(line.has("error")).isFalse();
        assertThat(line.get("headers").get(DeadLetterHeaders.ERROR_MESSAGE).asText()).isEqualTo("MIME boundary missing");
        assertThat(line.get("headers").get("binary").asText()).isEqualTo("base64:/wA=");
    }

    @Test
    void decodesAWaymarkRecordInADeadLetterToo() throws Exception {
        // Given
        byte[] original = TOPICS.domainStatus().valueSerde().serializer()
                .serialize("x", SampleRecords.domainStatus());

        // When
        JsonNode line = MAPPER.readTree(formatter.format(record(TOPICS.dlq("edge").name(), null, original,
                new RecordHeaders())));

        // Then
        assertThat(line.get("key").isNull()).isTrue();
        assertThat(line.get("valueBase64").asText()).isNotEmpty();
        assertThat(line.get("value").get("sendingDomain").asText()).isEqualTo("example.com");
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, String key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, 3, 42, 1_764_363_600_000L, TimestampType.CREATE_TIME,
                key == null ? -1 : key.length(), value == null ? -1 : value.length,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
    }
}
