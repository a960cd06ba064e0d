package io.waymark.cli;

import io.waymark.cli.internal.KafkaConnection;
import io.waymark.cli.internal.KafkaOptions;
import io.waymark.cli.internal.TopicReader;
import io.waymark.common.host.Hostname;
import io.waymark.schemas.OutboundMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code waymark send FILE.eml --domain D}: puts one message on {@code outbound} as the MTA tier
 * would, and with {@code --wait} shows what the rewriter made of it on {@code outbound-tracked}.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Publish an RFC 5322 message as an OutboundMessage to outbound (key: the message id) and "
                + "print the message id. With --wait, print the rewritten message from outbound-tracked "
                + "(--links: only its tracking links)."})
public final class SendCommand extends CliCommand {

    private static final Pattern TO = Pattern.compile("(?im)^To:[^\\r\\n]*?<?([^\\s<>\",;:@]+@[^\\s<>\",;]+)>?");
    private static final Pattern TRACKING_LINK = Pattern.compile("https?://[A-Za-z0-9.-]+(?::\\d+)?/[co]/[A-Za-z0-9_-]+");
    private static final Pattern SOFT_BREAK = Pattern.compile("=\\r?\\n");

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "FILE.eml", description = "The message: headers and body, as sent.")
    Path file;

    @Option(names = "--domain", required = true, paramLabel = "DOMAIN", description = "Sending domain of the message.")
    String domain;

    @Option(names = "--recipient", paramLabel = "ADDRESS",
            description = "Envelope recipient (default: the first address of the To: header).")
    String recipient;

    @Option(names = "--message-id", paramLabel = "ID", description = "Message id, the record key (default: a new UUID).")
    String messageId;

    @Option(names = "--no-clicks", description = "Do not track clicks (trackClicks=false).")
    boolean noClicks;

    @Option(names = "--no-opens", description = "Do not add the open pixel (trackOpens=false).")
    boolean noOpens;

    @Option(names = "--text", description = "Also rewrite bare URLs in text/plain parts (rewriteTextPlain=true).")
    boolean text;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag passed through untouched (repeatable).")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--wait", description = "Wait for the rewritten message on outbound-tracked and print it.")
    boolean await;

    @Option(names = "--links", description = "With --wait (implied), print only the tracking links of the rewritten "
            + "message, one per line (read from its 7bit, 8bit and quoted-printable parts).")
    boolean links;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationArgument.class,
            description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    OutputStream rawOut = System.out;

    @Override
    public Integer call() throws IOException {
        byte[] raw = read(file);
        Hostname sendingDomain = hostname("--domain", domain);
        String to = recipient != null ? recipient : recipientOf(raw)
                .orElseThrow(() -> new ArgumentException("no --recipient given and no address in the To: header of "
                        + file));
        if (!to.contains("@") || to.chars().anyMatch(Character::isWhitespace)) {
            throw new ArgumentException("--recipient '" + to + "' is not an e-mail address");
        }
        String id = messageId != null ? messageId.trim() : UUID.randomUUID().toString();
        if (id.isEmpty()) {
            throw new ArgumentException("--message-id must not be blank");
        }
        OutboundMessage message = OutboundMessage.newBuilder()
                .setMessageId(id)
                .setSendingDomain(sendingDomain.ascii())
                .setRecipient(to)
                .setRaw(ByteBuffer.wrap(raw))
                .setTrackClicks(!noClicks)
                .setTrackOpens(!noOpens)
                .setRewriteTextPlain(text)
                .setTags(tags)
                .build();
        boolean waiting = await || links;
        try (KafkaConnection connection = kafka.connect(environment())) {
            TopicReader<OutboundMessage> tracked = new TopicReader<>(connection, connection.topics().outboundTracked(),
                    err());
            Map<TopicPartition, Long> from = waiting ? tracked.endOffsets() : Map.of();
            RecordMetadata sent = connection.publish(connection.topics().outbound(), id, message);
            out().println(id);
            out().flush();
            err().printf("sent %d bytes for %s to %s partition %d offset %d%n", raw.length, sendingDomain.ascii(),
                    sent.topic(), sent.partition(), sent.offset());
            err().flush();
            if (!waiting) {
                return ExitCodes.OK;
            }
            Optional<TopicReader.Entry<OutboundMessage>> result = tracked.follow(from, timeout,
                    e -> id.equals(e.key()) && e.value() != null, e -> { });
            if (result.isEmpty()) {
                err().printf("no rewritten message %s on %s within %s: is the rewriter running?%n", id,
                        connection.topics().outboundTracked().name(), DurationArgument.format(timeout));
                return ExitCodes.NEGATIVE;
            }
            byte[] rewritten = bytes(result.get().value().getRaw());
            if (links) {
                trackingLinks(rewritten).forEach(out()::println);
                out().flush();
            } else {
                rawOut.write(rewritten);
                rawOut.flush();
            }
            return ExitCodes.OK;
        }
    }

    /** The tracking links ({@code /c/} and {@code /o/}) of a rewritten message, in order, once each. */
    static Set<String> trackingLinks(byte[] message) {
        String unfolded = SOFT_BREAK.matcher(new String(message, StandardCharsets.ISO_8859_1)).replaceAll("");
        Set<String> found = new LinkedHashSet<>();
        Matcher m = TRACKING_LINK.matcher(unfolded);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /** The first address of the To: header, if any. */
    static Optional<String> recipientOf(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            end = text.indexOf("\n\n");
        }
        Matcher m = TO.matcher(end < 0 ? text : text.substring(0, end));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static byte[] read(Path file) {
        try {
            byte[] raw = Files.readAllBytes(file);
            if (raw.length == 0) {
                throw new ArgumentException("FILE.eml '" + file + "' is empty");
            }
            return raw;
        } catch (NoSuchFileException e) {
            throw new ArgumentException("FILE.eml '" + file + "' does not exist", e);
        } catch (AccessDeniedException e) {
            throw new ArgumentException("FILE.eml '" + file + "' is not readable (permission denied)", e);
        } catch (IOException e) {
            throw new ArgumentException("FILE.eml '" + file + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
