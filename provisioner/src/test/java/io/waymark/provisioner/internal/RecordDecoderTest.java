package io.waymark.provisioner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.schemas.CertificateOrder;
import io.waymark.schemas.CertificateOrderKind;
import io.waymark.schemas.DomainEvent;
import io.waymark.schemas.DomainEventType;
import io.waymark.schemas.kafka.Topics;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {

    private final Topics topics = Topics.defaults();
    private final RecordDecoder decoder = new RecordDecoder(topics);

    @Test
    void enableWithHostUnderTheDomainIsAnIssue() throws Exception {
        // Given / When
        Command command = RecordDecoder.event(event(DomainEventType.ENABLE_HTTPS, "Example.COM", "email.example.com"));

        // Then
        assertThat(command).isInstanceOf(Command.Issue.class);
        Command.Issue issue = (Command.Issue) command;
        assertThat(issue.sendingDomain()).isEqualTo("example.com");
        assertThat(issue.host().ascii()).isEqualTo("email.example.com");
        assertThat(issue.kind()).isEqualTo(CertificateOrderKind.NEW);
    }

    @Test
    void hostOutsideTheSendingDomainIsRejectedWithAnActionableReason() throws Exception {
        // Given / When
        Command command = RecordDecoder.event(event(DomainEventType.ENABLE_HTTPS, "example.com", "email.other.com"));

        // Then
        assertThat(command).isInstanceOfSatisfying(Command.Reject.class, reject -> {
            assertThat(reject.sendingDomain()).isEqualTo("example.com");
            assertThat(reject.reason()).contains("not a subdomain of the sending domain example.com")
                    .contains("email.example.com");
        });
    }

    @Test
    void invalidHostAndMissingHostAreRejected() throws Exception {
        assertThat(RecordDecoder.event(event(DomainEventType.ENABLE_HTTPS, "example.com", "bad_host.example.com")))
                .isInstanceOfSatisfying(Command.Reject.class,
                        r -> assertThat(r.reason()).contains("not a valid host name"));
        assertThat(RecordDecoder.event(event(DomainEventType.ENABLE_HTTPS, "example.com", null)))
                .isInstanceOfSatisfying(Command.Reject.class,
                        r -> assertThat(r.reason()).contains("needs a tracking host"));
        assertThat(RecordDecoder.event(event(DomainEventType.ENABLE_HTTPS, "*.example.com", "email.example.com")))
                .isInstanceOf(Command.Reject.class);
    }

    @Test
    void unknownEnumSymbolsAndGarbageAreUndecodable() {
        assertThatThrownBy(() -> RecordDecoder.event(event(DomainEventType.UNKNOWN, "example.com", null)))
                .isInstanceOf(RecordDecoder.UndecodableRecordException.class);
        ConsumerRecord<String, byte[]> garbage = new ConsumerRecord<>(topics.domainEvents().name(), 0, 0, "k",
                new byte[] {1, 2, 3});
        assertThatThrownBy(() -> decoder.decode(garbage)).isInstanceOf(RecordDecoder.UndecodableRecordException.class);
        CertificateOrder unknown = CertificateOrder.newBuilder().setOrderId("o").setKind(CertificateOrderKind.UNKNOWN)
                .setTrackingHost("email.example.com").setSendingDomain("example.com")
                .setRequestedAt(Instant.EPOCH).build();
        assertThatThrownBy(() -> RecordDecoder.order(unknown))
                .isInstanceOf(RecordDecoder.UndecodableRecordException.class);
    }

    @Test
    void disableAndDeleteNeedOnlyTheDomain() throws Exception {
        assertThat(RecordDecoder.event(event(DomainEventType.DISABLE_HTTPS, "example.com", null)))
                .isInstanceOf(Command.Disable.class);
        assertThat(RecordDecoder.event(event(DomainEventType.DELETE, "example.com", null)))
                .isInstanceOfSatisfying(Command.Delete.class, d -> assertThat(d.host()).isEmpty());
    }

    private static DomainEvent event(DomainEventType type, String domain, String host) {
        return DomainEvent.newBuilder().setEventId("e1").setType(type).setSendingDomain(domain)
                .setTrackingHost(host).setOccurredAt(Instant.parse("2026-01-01T00:00:00Z")).build();
    }
}
