package io.waymark.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import io.waymark.schemas.SampleRecords;
import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.apache.avro.specific.SpecificRecord;

class WaymarkSerdeProperties {

    private static final String TOPIC = Topics.withPrefix("property-test.").domainEvents().name();

    @Property(tries = 2000)
    void randomBytesRaiseNothingButTheDocumentedException(@ForAll("serdes") WaymarkSerde<?> serde,
                                                          @ForAll @Size(max = 300) byte[] bytes) {
        // Given arbitrary bytes

        // When
        Throwable thrown = catchThrowable(() -> serde.deserialize(TOPIC, bytes));

        // Then
        assertThat(thrown).satisfiesAnyOf(
                t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(WaymarkSerdeException.class).hasMessageContaining("topic " + TOPIC));
    }

    @Property(tries = 3000)
    void aValidHeaderWithARandomBodyRaisesNothingButTheDocumentedException(
            @ForAll("serdes") WaymarkSerde<?> serde, @ForAll @Size(max = 300) byte[] body) {
        // Given the right header, then garbage
        byte[] bytes = Arrays.copyOf(header(serde), 10 + body.length);
        System.arraycopy(body, 0, bytes, 10, body.length);

        // When
        Throwable thrown = catchThrowable(() -> serde.deserialize(TOPIC, bytes));

        // Then
        assertThat(thrown).satisfiesAnyOf(
                t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(WaymarkSerdeException.class).hasMessageContaining("fingerprint "));
    }

    @Property(tries = 3000)
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aTamperedRecordRaisesNothingButTheDocumentedException(@ForAll("records") SpecificRecord record,
                                                               @ForAll int position, @ForAll byte value) {
        // Given a valid encoding with one byte changed
        WaymarkSerde serde = WaymarkSerde.of(record.getClass());
        byte[] bytes = serde.serialize(TOPIC, record);
        bytes[Math.floorMod(position, bytes.length)] = value;

        // When
        Throwable thrown = catchThrowable(() -> serde.deserialize(TOPIC, bytes));

        // Then
        assertThat(thrown).satisfiesAnyOf(
                t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(WaymarkSerdeException.class));
    }

    @Property(tries = 1000)
    void anyDomainStatusRoundTrips(@ForAll String domain, @ForAll String reason, @ForAll DomainState state,
                                   @ForAll long version, @ForAll long updatedAt) {
        // Given
        WaymarkSerde<DomainStatus> serde = WaymarkSerde.of(DomainStatus.class);
        DomainStatus status = DomainStatus.newBuilder()
                .setSendingDomain(domain)
                .setTrackingHost(null)
                .setState(state)
                .setReason(reason)
                .setNotAfter(null)
                .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
                .setVersion(version)
                .build();

        // When
        DomainStatus back = serde.deserialize(TOPIC, serde.serialize(TOPIC, status));

        // Then
        assertThat(back).isEqualTo(status);
    }

    @Provide
    Arbitrary<WaymarkSerde<?>> serdes() {
        return Arbitraries.of(SampleRecords.all()).map(r -> WaymarkSerde.of(r.getClass()));
    }

    @Provide
    Arbitrary<SpecificRecord> records() {
        return Arbitraries.of(SampleRecords.all());
    }

    private static byte[] header(WaymarkSerde<?> serde) {
        long fp = serde.fingerprint();
        byte[] header = new byte[10];
        header[0] = (byte) 0xC3;
        header[1] = 0x01;
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (fp >>> (8 * i));
        }
        return header;
    }

}
