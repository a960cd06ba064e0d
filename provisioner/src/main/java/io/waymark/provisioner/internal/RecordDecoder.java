package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.common.host.Hostname;
import io.waymark.common.host.InvalidHostnameException;
import io.waymark.schemas.CertificateOrder;
import io.waymark.schemas.CertificateOrderKind;
import io.waymark.schemas.DomainEvent;
import io.waymark.schemas.DomainEventType;
import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.Topics;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a record of {@code domain-events} or {@code cert-orders} into a {@link Command}.
 * Records that are not ours to judge (unreadable bytes, an enum symbol this build does not know,
 * a missing value) raise {@link UndecodableRecordException} and go to the dead-letter topic;
 * names a customer got wrong become a {@link Command.Reject} with a reason they can act on.
 */
final class RecordDecoder {

    /** A record that is not a valid input at all. */
    static final class UndecodableRecordException extends Exception {
        private static final long serialVersionUID = 1L;

        UndecodableRecordException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Topic<String, DomainEvent> events;
    private final Topic<String, CertificateOrder> orders;

    RecordDecoder(Topics topics) {
        requireNonNull(topics, "topics");
        this.events = topics.domainEvents();
        this.orders = topics.certOrders();
    }

    Command decode(ConsumerRecord<String, byte[]> record) throws UndecodableRecordException {
        if (record.value() == null) {
            throw new UndecodableRecordException("a record without value (tombstone) is no request", null);
        }
        try {
            if (record.topic().equals(events.name())) {
                return event(events.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            }
            if (record.topic().equals(orders.name())) {
                return order(orders.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            }
        } catch (RuntimeException e) {
            throw new UndecodableRecordException("cannot decode the value: " + e.getMessage(), e);
        }
        throw new UndecodableRecordException("record from an unexpected topic " + record.topic(), null);
    }

    static Command event(DomainEvent event) throws UndecodableRecordException {
        String rawDomain = event.getSendingDomain();
        Optional<String> rawHost = Optional.ofNullable(event.getTrackingHost());
        if (event.getType() == DomainEventType.UNKNOWN) {
            throw new UndecodableRecordException("event " + event.getEventId() + " has a type this provisioner does not know",
                    null);
        }
        Hostname domain;
        try {
            domain = Hostname.parse(rawDomain);
        } catch (InvalidHostnameException e) {
            return new Command.Reject(rawDomain, rawHost, "the sending domain is not a valid domain name: "
                    + e.getMessage());
        }
        switch (event.getType()) {
            case ENABLE_HTTPS -> {
                if (rawHost.isEmpty()) {
                    return new Command.Reject(domain.ascii(), rawHost, "ENABLE_HTTPS needs a tracking host, e.g. email."
                            + domain.ascii() + " (a CNAME to the tracking edge)");
                }
                Hostname host;
                try {
                    host = Hostname.parse(rawHost.get());
                } catch (InvalidHostnameException e) {
                    return new Command.Reject(domain.ascii(), rawHost, "the tracking host is not a valid host name: "
                            + e.getMessage());
                }
                if (!host.isSubdomainOf(domain)) {
                    return new Command.Reject(domain.ascii(), Optional.of(host.ascii()), "the tracking host " + host
                            + " is not a subdomain of the sending domain " + domain + "; use a host such as email."
                            + domain);
                }
                return new Command.Issue(domain, host, CertificateOrderKind.NEW, "event-" + event.getEventId(),
                        Optional.empty(), event.getOccurredAt(), true);
            }
            case DISABLE_HTTPS -> {
                return new Command.Disable(domain);
            }
            case DELETE -> {
                Optional<Hostname> host = rawHost.filter(Hostname::isValid).map(Hostname::parse);
                return new Command.Delete(domain, host);
            }
            default -> throw new UndecodableRecordException("unhandled event type " + event.getType(), null);
        }
    }

    static Command order(CertificateOrder order) throws UndecodableRecordException {
        if (order.getKind() == CertificateOrderKind.UNKNOWN) {
            throw new UndecodableRecordException("order " + order.getOrderId() + " has a kind this provisioner does not know",
                    null);
        }
        Hostname domain;
        Hostname host;
        try {
            domain = Hostname.parse(order.getSendingDomain());
            host = Hostname.parse(order.getTrackingHost());
        } catch (InvalidHostnameException e) {
            return new Command.Reject(order.getSendingDomain(), Optional.of(order.getTrackingHost()),
                    "the certificate order names an invalid host: " + e.getMessage());
        }
        if (!host.isSubdomainOf(domain)) {
            return new Command.Reject(domain.ascii(), Optional.of(host.ascii()), "the tracking host " + host
                    + " is not a subdomain of the sending domain " + domain);
        }
        return new Command.Issue(domain, host, order.getKind(), order.getOrderId(),
                Optional.ofNullable(order.getReplacesCertId()), order.getRequestedAt(), false);
    }
}
