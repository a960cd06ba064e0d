package io.waymark.cli;

import io.waymark.cli.internal.KafkaConnection;
import io.waymark.cli.internal.KafkaOptions;
import io.waymark.cli.internal.TopicReader;
import io.waymark.schemas.kafka.DeadLetterHeaders;
import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code waymark dlq list|replay}: what a service gave up on ({@code dlq.<service>}), and putting
 * it back on its original topic once the cause is fixed.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "List dead letters of a service, or replay them to the topic they came from.",
        subcommands = {DlqCommand.ListLetters.class, DlqCommand.Replay.class})
public final class DlqCommand {

    /** Header put on a replayed record: {@code <dlq topic>/<partition>/<offset>} it was replayed from. */
    static final String REPLAYED_FROM = "waymark-replayed-from";

    private DlqCommand() {
    }

    /** {@code dlq list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every record of dlq.<service>: partition:offset, key, where it came from (original "
                    + "topic, partition, offset), the error class and message, when it failed, its size.")
    static final class ListLetters extends CliCommand {

        @Mixin
        KafkaOptions kafka;

        @Parameters(index = "0", paramLabel = "SERVICE|TOPIC",
                description = "A service (rewriter, provisioner, edge, event-sink, renewer) or its dead-letter topic.")
        String service;

        @Override
        public Integer call() {
            Topic<String, byte[]> topic = dlqTopic(kafka, environment(), service);
            try (KafkaConnection connection = kafka.connect(environment())) {
                List<TopicReader.Entry<byte[]>> letters = new TopicReader<>(connection, topic, err()).snapshot();
                letters.forEach(this::print);
                out().printf("%d dead letters on %s%n", letters.size(), topic.name());
                out().flush();
                return ExitCodes.OK;
            }
        }

        private void print(TopicReader.Entry<byte[]> letter) {
            var r = letter.record();
            out().printf("%d:%d  key %s  failed at %s%n", r.partition(), r.offset(), letter.key(),
                    failedAt(header(r.headers().lastHeader(DeadLetterHeaders.FAILED_AT))));
            out().printf("  from   %s partition %s offset %s%n",
                    header(r.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC)),
                    header(r.headers().lastHeader(DeadLetterHeaders.ORIGINAL_PARTITION)),
                    header(r.headers().lastHeader(DeadLetterHeaders.ORIGINAL_OFFSET)));
            out().printf("  error  %s: %s%n", header(r.headers().lastHeader(DeadLetterHeaders.ERROR_CLASS)),
                    header(r.headers().lastHeader(DeadLetterHeaders.ERROR_MESSAGE)));
            out().printf("  value  %s%n", r.value() == null ? "null (tombstone)" : r.value().length + " bytes");
        }

        private static String failedAt(String millis) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(millis)).toString();
            } catch (NumberFormatException e) {
                return millis;
            }
        }
    }

    /** {@code dlq replay}. */
    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Publish dead letters again, with their original key and value bytes, to the original "
                    + "topic named in their waymark-original-topic header (a topic of the catalog under the same "
                    + "prefix; anything else is refused). Prints what was replayed and how many.",
                    "Safe to run again: consumers are idempotent. The provisioner handles an event or order id once, "
                            + "the event sink writes an event id once; the rewriter emits the message again under the "
                            + "same message id, which the MTA tier must treat as one message. Dead letters stay on "
                            + "the DLQ topic; the replayed record carries a " + REPLAYED_FROM + " header."})
    static final class Replay extends CliCommand {

        @Mixin
        KafkaOptions kafka;

        @Parameters(index = "0", paramLabel = "SERVICE|TOPIC", description = "The dead-letter topic or its service.")
        String service;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Selection selection;

        @Option(names = "--dry-run", description = "Print what would be replayed, publish nothing.")
        boolean dryRun;

        /** Which dead letters. */
        static final class Selection {

            @Option(names = "--offset", paramLabel = "[PARTITION:]OFFSET", required = true,
                    description = "A dead letter as 'dlq list' prints it (repeatable); the partition may be left "
                            + "out when the topic has one.")
            List<String> offsets;

            @Option(names = "--all", required = true, description = "Every dead letter on the topic.")
            boolean all;
        }

        @Override
        public Integer call() {
            Topic<String, byte[]> topic = dlqTopic(kafka, environment(), service);
            try (KafkaConnection connection = kafka.connect(environment())) {
                List<TopicReader.Entry<byte[]>> letters = new TopicReader<>(connection, topic, err()).snapshot();
                List<TopicReader.Entry<byte[]>> chosen = selection.all ? letters : choose(letters, topic);
                int replayed = 0;
                for (TopicReader.Entry<byte[]> letter : chosen) {
                    if (replay(connection, topic, letter)) {
                        replayed++;
                    }
                }
                out().printf("%s %d of %d selected dead letters from %s%n", dryRun ? "would replay" : "replayed",
                        replayed, chosen.size(), topic.name());
                out().flush();
                return replayed == chosen.size() ? ExitCodes.OK : ExitCodes.NEGATIVE;
            }
        }

        private List<TopicReader.Entry<byte[]>> choose(List<TopicReader.Entry<byte[]>> letters,
                                                       Topic<String, byte[]> topic) {
            List<Integer> partitions = letters.stream().map(e -> e.record().partition()).distinct().toList();
            List<TopicReader.Entry<byte[]>> chosen = new ArrayList<>();
            for (String text : selection.offsets) {
                String[] parts = text.trim().split(":", 2);
                int partition;
                long offset;
                try {
                    partition = parts.length == 2 ? Integer.parseInt(parts[0]) : onlyPartition(topic, partitions, text);
                    offset = Long.parseLong(parts[parts.length - 1]);
                } catch (NumberFormatException e) {
                    throw new ArgumentException("--offset '" + text + "' is not [PARTITION:]OFFSET", e);
                }
                Optional<TopicReader.Entry<byte[]>> letter = letters.stream()
                        .filter(l -> l.record().partition() == partition && l.record().offset() == offset).findFirst();
                if (letter.isEmpty()) {
                    throw new ArgumentException("--offset '" + text + "': no dead letter at partition " + partition
                            + " offset " + offset + " of " + topic.name() + " (see dlq list)");
                }
                chosen.add(letter.get());
            }
            return chosen;
        }

        private static int onlyPartition(Topic<String, byte[]> topic, List<Integer> partitions, String text) {
            if (partitions.size() > 1) {
                throw new ArgumentException("--offset '" + text + "': " + topic.name() + " has dead letters in "
                        + partitions.size() + " partitions, give PARTITION:OFFSET as dlq list prints it");
            }
            return partitions.isEmpty() ? 0 : partitions.get(0);
        }

        private boolean replay(KafkaConnection connection, Topic<String, byte[]> dlq, TopicReader.Entry<byte[]> letter) {
            var r = letter.record();
            String where = r.partition() + ":" + r.offset();
            String original = header(r.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC));
            Optional<Topic<?, ?>> target = connection.topics().byName(original)
                    .filter(t -> !t.logicalName().startsWith("dlq."));
            if (target.isEmpty()) {
                out().printf("skipped  %s: original topic '%s' is not a topic of the catalog under prefix '%s'%n",
                        where, original, connection.topics().prefix());
                return false;
            }
            if (dryRun) {
                out().printf("would replay  %s  key %s  to %s%n", where, letter.key(), original);
                return true;
            }
            RecordHeaders headers = new RecordHeaders();
            String from = dlq.name() + "/" + r.partition() + "/" + r.offset();
            headers.add(REPLAYED_FROM, from.getBytes(StandardCharsets.UTF_8));
            RecordMetadata sent = connection.publishRaw(
                    new ProducerRecord<>(original, null, r.key(), r.value(), headers));
            out().printf("replayed  %s  key %s  to %s partition %d offset %d%n", where, letter.key(), original,
                    sent.partition(), sent.offset());
            return true;
        }
    }

    private static Topic<String, byte[]> dlqTopic(KafkaOptions kafka, CliEnvironment environment, String argument) {
        return dlqTopic(Topics.withPrefix(kafka.target(environment).topicPrefix().value()), argument);
    }

    /** The dead-letter topic named by a service, {@code dlq.<service>} or the full name. */
    static Topic<String, byte[]> dlqTopic(Topics topics, String argument) {
        String name = argument.trim();
        String service = name.startsWith(topics.prefix() + "dlq.") ? name.substring(topics.prefix().length() + 4)
                : name.startsWith("dlq.") ? name.substring(4) : name;
        try {
            return topics.dlq(service);
        } catch (IllegalArgumentException e) {
            throw new ArgumentException("SERVICE|TOPIC '" + argument + "': " + e.getMessage(), e);
        }
    }

    static String header(Header header) {
        return header == null || header.value() == null ? "-" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
