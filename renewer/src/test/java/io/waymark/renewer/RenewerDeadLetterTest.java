package io.waymark.renewer;

import static io.waymark.renewer.RenewerDriver.T0;
import static io.waymark.renewer.RenewerDriver.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.kafka.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records that cannot be scheduled go to dlq.renewer; the stream goes on. */
class RenewerDeadLetterTest {

    @TempDir
    Path stateDir;

    @Test
    void undecodableAndSenselessRecordsAreDeadLetteredAndTheNextRecordIsScheduled() {
        try (RenewerDriver renewer = new RenewerDriver(stateDir, Map.of())) {
            // Given bytes that are not Avro
            renewer.rawCertificates.pipeInput("email.a.example", "not avro".getBytes(StandardCharsets.UTF_8), T0);
            // and a record whose host differs from its key, and one that ends before it starts
            CertificateRecord moved = certificate("email.b.example", 1, T0, Duration.ofDays(90));
            renewer.certificates.pipeInput("email.c.example", moved, T0);
            CertificateRecord backwards = certificate("email.d.example", 1, T0, Duration.ofDays(90));
            backwards.setNotAfter(T0.minusSeconds(1));
            renewer.issue(backwards);
            // and then a good one
            renewer.issue(certificate("email.e.example", 1, T0, Duration.ofDays(90)));

            List<TestRecord<String, byte[]>> dead = renewer.dlq.readRecordsToList();
            assertThat(dead).extracting(TestRecord::key)
                    .containsExactly("email.a.example", "email.c.example", "email.d.example");
            assertThat(dead.get(0).value()).isEqualTo("not avro".getBytes(StandardCharsets.UTF_8));
            assertThat(header(dead.get(1), DeadLetterHeaders.ERROR_MESSAGE)).contains("differs from the key");
            assertThat(header(dead.get(2), DeadLetterHeaders.ERROR_MESSAGE)).contains("is not after notBefore");
            assertThat(header(dead.get(2), DeadLetterHeaders.SERVICE)).isEqualTo("renewer");
            assertThat(header(dead.get(2), DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("t.certificates");
            assertThat(renewer.metrics.count("records", "outcome", "invalid")).isEqualTo(2.0);
            assertThat(renewer.entry("email.e.example")).isPresent();
            assertThat(renewer.entry("email.c.example")).isEmpty();
        }
    }

    @Test
    void anUndecodableStatusRecordDoesNotStopTheRenewer() {
        try (RenewerDriver renewer = new RenewerDriver(stateDir, Map.of("renew.jitter-percent", "0"))) {
            // Given garbage on domain-status (read by the global store)
            renewer.driver.createInputTopic(renewer.config.topics().domainStatus().name(),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer())
                    .pipeInput("shop.example", "garbage".getBytes(StandardCharsets.UTF_8), T0);

            // When a certificate of that domain comes due
            renewer.issue(certificate("email.shop.example", 1, T0, Duration.ofDays(90)));
            renewer.at(T0.plus(Duration.ofDays(60)).plusSeconds(1));

            // Then it is renewed all the same
            assertThat(renewer.drainOrders()).extracting(o -> o.getTrackingHost())
                    .containsExactly("email.shop.example");
        }
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
