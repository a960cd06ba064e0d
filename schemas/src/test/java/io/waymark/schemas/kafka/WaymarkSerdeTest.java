package io.waymark.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import io.waymark.schemas.SampleRecords;
import io.waymark.schemas.evolution.SchemaHistory;
import io.waymark.schemas.evolution.SchemaVersion;
import io.waymark.schemas.internal.SingleObjectCodec;
import io.waymark.schemas.internal.SingleObjectFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class WaymarkSerdeTest {

    private static final String TOPIC = Topics.defaults().domainStatus().name();
    private final WaymarkSerde<DomainStatus> serde = WaymarkSerde.of(DomainStatus.class);

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void roundTripsEveryRecordType() {
        for (SpecificRecord record : SampleRecords.all()) {
            // Given
            WaymarkSerde s = WaymarkSerde.of(record.getClass());

            // When
            byte[] bytes = s.serialize("t", record);
            Object back = s.deserialize("t", bytes);

            // Then
            assertThat(back).as(record.getClass().getSimpleName()).isEqualTo(record);
        }
    }

    @Test
    void writesSingleObjectEncoding() {
        // Given
        long expected = SchemaNormalization.parsingFingerprint64(DomainStatus.getClassSchema());

        // When
        byte[] bytes = serde.serialize(TOPIC, SampleRecords.domainStatus());

        // Then
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()).isEqualTo(expected);
        assertThat(serde.fingerprint()).isEqualTo(expected);
    }

    @Test
    void nullIsATombstoneBothWays() {
        // Given / When / Then
        assertThat(serde.serialize(TOPIC, null)).isNull();
        assertThat(serde.deserialize(TOPIC, null)).isNull();
    }

    @Test
    void decodesDataWrittenWithTheShippedV1Schema() {
        // Given bytes written by a generic producer holding only the released v1 schema
        SchemaVersion v1 = SchemaHistory.shipped().versions(DomainStatus.getClassSchema().getFullName()).get(0);
        GenericRecord old = new GenericData.Record(v1.schema());
        old.put("sendingDomain", "example.com");
        old.put("trackingHost", null);
        old.put("state", new GenericData.EnumSymbol(v1.schema().getField("state").schema(), "ISSUED"));
        old.put("reason", null);
        old.put("notAfter", 1_800_000_000_000L);
        old.put("updatedAt", 1_700_000_000_000L);
        old.put("version", 4L);
        byte[] bytes = encode(v1.schema(), old);

        // When
        DomainStatus status = serde.deserialize(TOPIC, bytes);

        // Then
        assertThat(status.getState()).isEqualTo(DomainState.ISSUED);
        assertThat(status.getNotAfter().toEpochMilli()).isEqualTo(1_800_000_000_000L);
        assertThat(status.getVersion()).isEqualTo(4L);
    }

    @Test
    void decodesAnOlderVersionResolvingMissingFieldsToDefaults() {
        // Given a history whose v1 lacked reason and notAfter, and bytes written with it
        Schema v1 = new Schema.Parser().parse("""
                {"type":"record","name":"DomainStatus","namespace":"io.waymark.schemas","fields":[
                  {"name":"sendingDomain","type":"string"},
                  {"name":"trackingHost","type":["null","string"],"default":null},
                  {"name":"state","type":{"type":"enum","name":"DomainState",
                    "symbols":["PENDING","ISSUED","FAILED"]}},
                  {"name":"updatedAt","type":{"type":"long","logicalType":"timestamp-millis"}},
                  {"name":"version","type":"long"}]}""");
        SchemaHistory history = SchemaHistory.of(List.of(SchemaVersion.of(1, v1),
                SchemaVersion.of(2, DomainStatus.getClassSchema())));
        SingleObjectCodec<DomainStatus> codec = new SingleObjectCodec<>(DomainStatus.class, history);
        GenericRecord old = new GenericData.Record(v1);
        old.put("sendingDomain", "example.com");
        old.put("state", new GenericData.EnumSymbol(v1.getField("state").schema(), "FAILED"));
        old.put("updatedAt", 1_700_000_000_000L);
        old.put("version", 2L);

        // When
        DomainStatus status = codec.decode(TOPIC, encode(v1, old));

        // Then
        assertThat(status.getState()).isEqualTo(DomainState.FAILED);
        assertThat(status.getReason()).isNull();
        assertThat(status.getNotAfter()).isNull();
        assertThat(status.getSendingDomain()).isEqualTo("example.com");
    }

    @Test
    void unknownFingerprintNamesTopicAndFingerprint() {
        // Given a valid record whose fingerprint was changed
        byte[] bytes = serde.serialize(TOPIC, SampleRecords.domainStatus());
        bytes[2] ^= 0x5a;
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();

        // When / Then
        assertThatThrownBy(() -> serde.deserialize(TOPIC, bytes))
                .isInstanceOf(WaymarkSerdeException.class)
                .hasMessageContaining("topic " + TOPIC)
                .hasMessageContaining("fingerprint " + SingleObjectFormat.hex(fingerprint))
                .hasMessageContaining("unknown writer schema")
                .asInstanceOf(type(WaymarkSerdeException.class))
                .satisfies(e -> {
                    assertThat(e.topic()).isEqualTo(TOPIC);
                    assertThat(e.fingerprint()).hasValue(fingerprint);
                });
    }

    @Test
    void recordOfAnotherTypeIsNamedInTheError() {
        // Given a DomainEvent on the domain-status topic
        byte[] bytes = WaymarkSerde.of(io.waymark.schemas.DomainEvent.class).serialize(TOPIC, SampleRecords.domainEvent());

        // When / Then
        assertThatThrownBy(() -> serde.deserialize(TOPIC, bytes))
                .isInstanceOf(WaymarkSerdeException.class)
                .hasMessageContaining("it is io.waymark.schemas.DomainEvent v1")
                .hasMessageContaining("this topic carries io.waymark.schemas.DomainStatus");
    }

    @Test
    void truncatedBodyNamesTopicAndFingerprint() {
        // Given
        byte[] full = serde.serialize(TOPIC, SampleRecords.domainStatus());
        byte[] truncated = Arrays.copyOf(full, full.length - 5);

        // When / Then
        assertThatThrownBy(() -> serde.deserialize(TOPIC, truncated))
                .isInstanceOf(WaymarkSerdeException.class)
                .hasMessageContaining("topic " + TOPIC)
                .hasMessageContaining("fingerprint " + SingleObjectFormat.hex(serde.fingerprint()))
                .hasMessageContaining("truncated or corrupt");
    }

    @Test
    void trailingBytesAreCorrupt() {
        // Given
        byte[] full = serde.serialize(TOPIC, SampleRecords.domainStatus());
        byte[] longer = Arrays.copyOf(full, full.length + 1);

        // When / Then
        assertThatThrownBy(() -> serde.deserialize(TOPIC, longer))
                .isInstanceOf(WaymarkSerdeException.class)
                .hasMessageContaining("bytes left over");
    }

    @Test
    void hugeAnnouncedLengthIsRejectedWithoutAllocating() {
        // Given a header, then a string length of about 1 GiB (zig-zag varint) and nothing else
        byte[] header = Arrays.copyOf(serde.serialize(TOPIC, SampleRecords.domainStatus()), 10);
        byte[] bytes = Arrays.copyOf(header, 15);
        byte[] length = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};
        System.arraycopy(length, 0, bytes, 10, length.length);

        // When / Then
        assertThatThrownBy(() -> serde.deserialize(TOPIC, bytes))
                .isInstanceOf(WaymarkSerdeException.class)
                .hasMessageContaining("truncated or corrupt");
    }

    @Test
    void notSingleObjectEncodedNamesNoFingerprint() {
        // Given JSON where Avro was expected
        byte[] bytes = "{\"sendingDomain\":\"example.com\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        // When / Then
        assertThatThrownBy(() -> serde.deserialize(TOPIC, bytes))
                .isInstanceOf(WaymarkSerdeException.class)
                .hasMessage("topic " + TOPIC + ", fingerprint none: bad magic 7b 22, expected c3 01 (not Avro single-object encoding)");
        assertThatThrownBy(() -> serde.deserialize(TOPIC, new byte[0]))
                .isInstanceOf(WaymarkSerdeException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void unencodableRecordRaisesTheSameException() {
        // Given a record missing a required field (bypassing the builder's checks)
        DomainStatus broken = SampleRecords.domainStatus();
        broken.setSendingDomain(null);

        // When / Then
        assertThatThrownBy(() -> serde.serialize(TOPIC, broken))
                .isInstanceOf(WaymarkSerdeException.class)
                .hasMessageContaining("topic " + TOPIC)
                .hasMessageContaining("cannot encode io.waymark.schemas.DomainStatus");
    }

    private static byte[] encode(Schema schema, GenericRecord record) {
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
