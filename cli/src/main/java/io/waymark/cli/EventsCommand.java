package io.waymark.cli;

import io.waymark.cli.internal.CassandraOptions;
import io.waymark.cli.internal.EventStore;
import io.waymark.cli.internal.KafkaConnection;
import io.waymark.cli.internal.KafkaOptions;
import io.waymark.eventsink.EventPage;
import io.waymark.eventsink.EventQueries;
import io.waymark.eventsink.StoredEvent;
import io.waymark.schemas.kafka.JsonLineFormatter;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code waymark events tail|list}: clicks and opens as they arrive on {@code tracking-events},
 * or as the event sink stored them in Cassandra (through its {@link EventQueries}).
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Follow clicks and opens on Kafka, or list the ones stored in Cassandra.",
        subcommands = {EventsCommand.Tail.class, EventsCommand.ListEvents.class})
public final class EventsCommand {

    private EventsCommand() {
    }

    /** {@code events tail}. */
    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Print each TrackingEvent arriving on tracking-events as one JSON line, until Ctrl-C. "
                    + "Starts at the end of the topic unless --from-beginning. Commits nothing (no consumer group).")
    static final class Tail extends CliCommand {

        @Mixin
        KafkaOptions kafka;

        @Option(names = "--from-beginning", description = "Start at the oldest retained event.")
        boolean fromBeginning;

        @Option(names = "--limit", paramLabel = "N", description = "Stop after N events (default: run until Ctrl-C).")
        Long limit;

        @Override
        public Integer call() {
            if (limit != null && limit < 1) {
                throw new ArgumentException("--limit must be 1 or more, was " + limit);
            }
            try (KafkaConnection connection = kafka.connect(environment());
                 KafkaConsumer<byte[], byte[]> consumer = connection.consumer()) {
                List<TopicPartition> partitions = connection.partitions(consumer, connection.topics().trackingEvents());
                consumer.assign(partitions);
                if (fromBeginning) {
                    consumer.seekToBeginning(partitions);
                } else {
                    // positions are fixed now, so an event published right after this line is seen
                    consumer.endOffsets(partitions, connection.timeout()).forEach(consumer::seek);
                }
                JsonLineFormatter formatter = new JsonLineFormatter();
                formatter.configure(Map.of(JsonLineFormatter.TOPIC_PREFIX_PROPERTY, connection.topics().prefix()));
                AtomicBoolean stopping = new AtomicBoolean();
                CountDownLatch stopped = new CountDownLatch(1);
                // Ctrl-C: wake the poll, and let the loop flush before the JVM halts
                Thread hook = new Thread(() -> {
                    stopping.set(true);
                    consumer.wakeup();
                    try {
                        stopped.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "waymark-events-tail-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    return follow(consumer, formatter, out());
                } catch (WakeupException e) {
                    if (!stopping.get()) {
                        throw e;
                    }
                    return ExitCodes.OK;
                } finally {
                    out().flush();
                    if (!stopping.get()) {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    }
                    stopped.countDown();
                }
            }
        }

        private int follow(KafkaConsumer<byte[], byte[]> consumer, JsonLineFormatter formatter, PrintWriter out) {
            long printed = 0;
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    out.println(formatter.format(record));
                    printed++;
                    if (limit != null && printed >= limit) {
                        out.flush();
                        return ExitCodes.OK;
                    }
                }
                out.flush();
            }
        }
    }

    /** {@code events list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Events stored in Cassandra, newest first: of a sending domain since a time "
                    + "(--domain D --since 1h), or of one message (--message ID).")
    static final class ListEvents extends CliCommand {

        @Mixin
        CassandraOptions cassandra;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Selection selection;

        @Option(names = "--since", paramLabel = "DURATION|INSTANT",
                description = "Oldest event: a duration back from now (30m, 1h, 7d) or an ISO-8601 instant "
                        + "(default: 24h with --domain, everything with --message).")
        String since;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                description = "Print at most N events (default: ${DEFAULT-VALUE}).")
        int limit;

        /** Which events. */
        static final class Selection {

            @Option(names = "--domain", paramLabel = "DOMAIN", required = true,
                    description = "Events of this sending domain.")
            String domain;

            @Option(names = "--message", paramLabel = "ID", required = true, description = "Events of this message id.")
            String messageId;
        }

        @Override
        public Integer call() {
            if (limit < 1 || limit > 100_000) {
                throw new ArgumentException("--limit must be in [1, 100000], was " + limit);
            }
            Instant from = sinceInstant(since, selection.domain != null ? Duration.ofHours(24) : null, Instant.now());
            String domain = selection.domain == null ? null : hostname("--domain", selection.domain).ascii();
            try (EventStore store = EventStore.open(cassandra.target(environment()), environment())) {
                EventQueries queries = store.queries();
                int printed = 0;
                String page = null;
                EventTable table = new EventTable(out());
                do {
                    int size = Math.min(500, limit - printed);
                    EventPage result = domain != null ? queries.listByDomain(domain, from, size, page)
                            : queries.listByMessage(selection.messageId, from, size, page);
                    for (StoredEvent event : result.events()) {
                        table.row(event);
                        printed++;
                    }
                    page = result.nextPage().orElse(null);
                } while (page != null && printed < limit);
                out().printf("%d events%s%n", printed, page != null ? " (more: raise --limit)" : "");
                out().flush();
                return ExitCodes.OK;
            }
        }

        /** {@code --since} as an instant; {@code fallback} back from {@code now} when absent (null: all). */
        static Instant sinceInstant(String since, Duration fallback, Instant now) {
            if (since == null) {
                return fallback == null ? Instant.EPOCH : now.minus(fallback);
            }
            try {
                return now.minus(DurationArgument.parse(since));
            } catch (IllegalArgumentException notADuration) {
                try {
                    return Instant.parse(since.trim());
                } catch (DateTimeParseException e) {
                    throw new ArgumentException("--since '" + since + "' is neither a duration (30m, 1h, 7d) nor an "
                            + "ISO-8601 instant (2026-11-28T10:00:00Z)");
                }
            }
        }
    }

    /** One line per stored event. */
    static final class EventTable {

        private final PrintWriter out;
        private boolean header;

        EventTable(PrintWriter out) {
            this.out = out;
        }

        void row(StoredEvent e) {
            if (!header) {
                out.printf("%-24s  %-5s  %-20s  %-36s  %-24s  %4s  %-3s  %s%n", "OCCURRED AT", "KIND", "DOMAIN",
                        "MESSAGE", "RECIPIENT", "LINK", "BOT", "URL");
                header = true;
            }
            out.printf("%-24s  %-5s  %-20s  %-36s  %-24s  %4s  %-3s  %s%n", e.occurredAt(), e.kind(),
                    e.sendingDomain(), e.messageId(), e.recipient(), e.linkIndex() == null ? "-" : e.linkIndex(),
                    e.bot() ? "yes" : "no", e.url() == null ? "-" : e.url());
        }
    }
}
