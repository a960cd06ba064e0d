package io.waymark.cli;

import io.waymark.cli.internal.KafkaConnection;
import io.waymark.cli.internal.KafkaOptions;
import io.waymark.cli.internal.TopicReader;
import io.waymark.common.host.Hostname;
import io.waymark.schemas.DomainEvent;
import io.waymark.schemas.DomainEventType;
import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code waymark domain enable|disable|delete|status <domain>}: the switch other systems flip
 * through {@code domain-events}, and the answer the provisioner keeps on {@code domain-status}.
 */
@Command(name = "domain", mixinStandardHelpOptions = true,
        description = "Turn HTTPS tracking of a sending domain on or off, or show where it stands.",
        subcommands = {DomainCommand.Enable.class, DomainCommand.Disable.class, DomainCommand.Delete.class,
                DomainCommand.Status.class})
public final class DomainCommand {

    /** Name written into {@code DomainEvent.source}. */
    static final String SOURCE = "waymark-cli";

    /** Shared by the three commands that publish a {@link DomainEvent}. */
    abstract static class Publishing extends CliCommand {

        @Mixin
        KafkaOptions kafka;

        @Parameters(index = "0", paramLabel = "DOMAIN", description = "The sending domain, e.g. shop.example.")
        String domain;

        @Option(names = "--requested-by", paramLabel = "ID",
                description = "Operator or client id recorded in the event, never an e-mail address "
                        + "(default: the USER variable).")
        String requestedBy;

        /** The checked {@code --requested-by} (default: the USER variable), null when unknown. */
        String requester() {
            String who = requestedBy != null ? requestedBy : environment().variable("USER").orElse(null);
            if (who != null && who.contains("@")) {
                throw new ArgumentException("--requested-by '" + who + "': an operator id, not an e-mail address");
            }
            return who;
        }

        /** DISABLE_HTTPS and DELETE: the provisioner uses the domain's current host. */
        int publishWithoutHost(DomainEventType type) {
            Hostname sendingDomain = hostname("DOMAIN", domain);
            String who = requester();
            try (KafkaConnection connection = kafka.connect(environment())) {
                publish(connection, type, sendingDomain, null, who);
            }
            return ExitCodes.OK;
        }

        /** Publishes the event and prints where it went. */
        DomainEvent publish(KafkaConnection connection, DomainEventType type, Hostname sendingDomain,
                            Hostname trackingHost, String who) {
            DomainEvent event = DomainEvent.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setType(type)
                    .setSendingDomain(sendingDomain.ascii())
                    .setTrackingHost(trackingHost == null ? null : trackingHost.ascii())
                    .setOccurredAt(Instant.now())
                    .setSource(SOURCE)
                    .setRequestedBy(who)
                    .build();
            RecordMetadata sent = connection.publish(connection.topics().domainEvents(), sendingDomain.ascii(), event);
            out().printf("published %s for %s%s: event %s, %s partition %d offset %d%n", type, sendingDomain.ascii(),
                    trackingHost == null ? "" : " (tracking host " + trackingHost.ascii() + ")", event.getEventId(),
                    sent.topic(), sent.partition(), sent.offset());
            out().flush();
            return event;
        }
    }

    /** {@code domain enable}. */
    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = {"Ask for HTTPS tracking of DOMAIN: publishes a DomainEvent ENABLE_HTTPS (key: DOMAIN) "
                    + "to domain-events. The provisioner then obtains a certificate for the tracking host over "
                    + "ACME HTTP-01, so the host must point (CNAME) at the edge.",
                    "The tracking host must be a subdomain of DOMAIN (the provisioner refuses any other); "
                            + "it defaults to email.<DOMAIN>."})
    static final class Enable extends Publishing {

        @Option(names = "--tracking-host", paramLabel = "HOST",
                description = "Tracking host, a subdomain of DOMAIN (default: email.<DOMAIN>).")
        String trackingHost;

        @Option(names = "--wait", description = "Follow domain-status until the domain is ISSUED (exit 0) or "
                + "FAILED (exit 1).")
        boolean await;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3m", converter = DurationArgument.class,
                description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override
        public Integer call() {
            Hostname sendingDomain = hostname("DOMAIN", domain);
            Hostname host = trackingHost == null
                    ? hostname("--tracking-host (default email.<DOMAIN>)", "email." + sendingDomain.ascii())
                    : hostname("--tracking-host", trackingHost);
            if (!host.isSubdomainOf(sendingDomain)) {
                throw new ArgumentException("--tracking-host '" + host.ascii() + "' must be a subdomain of "
                        + sendingDomain.ascii() + " (the provisioner refuses any other)");
            }
            String who = requester();
            try (KafkaConnection connection = kafka.connect(environment())) {
                TopicReader<DomainStatus> status = new TopicReader<>(connection, connection.topics().domainStatus(),
                        err());
                Map<TopicPartition, Long> from = await ? status.endOffsets() : Map.of();
                publish(connection, DomainEventType.ENABLE_HTTPS, sendingDomain, host, who);
                return await ? awaitOutcome(status, from, sendingDomain.ascii()) : ExitCodes.OK;
            }
        }

        private int awaitOutcome(TopicReader<DomainStatus> status, Map<TopicPartition, Long> from, String key) {
            out().printf("waiting up to %s for %s to be ISSUED or FAILED...%n", DurationArgument.format(timeout), key);
            out().flush();
            Optional<TopicReader.Entry<DomainStatus>> outcome = status.follow(from, timeout,
                    e -> key.equals(e.key()) && e.value() != null
                            && (e.value().getState() == DomainState.ISSUED || e.value().getState() == DomainState.FAILED),
                    e -> {
                        if (key.equals(e.key()) && e.value() != null) {
                            out().println("  " + DomainStatusView.oneLine(e.value()));
                            out().flush();
                        }
                    });
            if (outcome.isEmpty()) {
                err().printf("no ISSUED or FAILED status for %s within %s%n", key, DurationArgument.format(timeout));
                return ExitCodes.NEGATIVE;
            }
            return outcome.get().value().getState() == DomainState.ISSUED ? ExitCodes.OK : ExitCodes.NEGATIVE;
        }
    }

    /** {@code domain disable}. */
    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Stop new https:// links and renewals for DOMAIN: publishes a DomainEvent DISABLE_HTTPS. "
                    + "The edge keeps serving the certificate until it expires, so links already sent keep working.")
    static final class Disable extends Publishing {

        @Override
        public Integer call() {
            return publishWithoutHost(DomainEventType.DISABLE_HTTPS);
        }
    }

    /** {@code domain delete}. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Remove DOMAIN from HTTPS tracking: publishes a DomainEvent DELETE. The provisioner revokes "
                    + "the certificate and removes it and the status (tombstones), so the edge stops serving it.")
    static final class Delete extends Publishing {

        @Override
        public Integer call() {
            return publishWithoutHost(DomainEventType.DELETE);
        }
    }

    /** {@code domain status}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Print the latest DomainStatus of DOMAIN from domain-status (state, reason, notAfter, "
                    + "version, updatedAt); exit 1 with 'no status for DOMAIN' when there is none.")
    static final class Status extends CliCommand {

        @Mixin
        KafkaOptions kafka;

        @Parameters(index = "0", paramLabel = "DOMAIN", description = "The sending domain.")
        String domain;

        @Override
        public Integer call() {
            Hostname sendingDomain = hostname("DOMAIN", domain);
            try (KafkaConnection connection = kafka.connect(environment())) {
                Optional<TopicReader.Entry<DomainStatus>> latest = new TopicReader<>(connection,
                        connection.topics().domainStatus(), err()).latestOf(sendingDomain.ascii());
                if (latest.isEmpty()) {
                    out().println("no status for " + sendingDomain.ascii());
                    return ExitCodes.NEGATIVE;
                }
                DomainStatusView.print(latest.get().value(), out());
                return ExitCodes.OK;
            }
        }
    }

    private DomainCommand() {
    }

    /** Printing of a {@link DomainStatus}. */
    static final class DomainStatusView {

        private DomainStatusView() {
        }

        static void print(DomainStatus s, PrintWriter out) {
            out.printf("domain         %s%n", s.getSendingDomain());
            out.printf("tracking host  %s%n", orDash(s.getTrackingHost()));
            out.printf("state          %s%n", s.getState());
            out.printf("reason         %s%n", orDash(s.getReason()));
            out.printf("not after      %s%n", orDash(s.getNotAfter()));
            out.printf("version        %d%n", s.getVersion());
            out.printf("updated at     %s%n", s.getUpdatedAt());
            out.flush();
        }

        static String oneLine(DomainStatus s) {
            return s.getUpdatedAt() + " " + s.getState() + " v" + s.getVersion()
                    + (s.getReason() == null ? "" : ": " + s.getReason());
        }

        private static String orDash(Object value) {
            return value == null ? "-" : value.toString();
        }
    }
}
