package io.waymark.edge.internal;

import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.TrackingEventKind;
import io.waymark.schemas.kafka.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link TrackingEvent} in the topic's single-object Avro encoding (header
 * {@code C3 01}, the schema's 8-byte fingerprint, the binary body) straight into one array: the
 * same bytes as the topic's serializer, at a fraction of its cost (no datum writer walking the
 * schema, no union resolution or string-type lookups per field, no stream and copy). Every click
 * is encoded once, on the spool's appender thread, which shares the cores with the event loops.
 *
 * <p>It knows one schema, field by field. When the generated class's schema is another (a field
 * added), or when its bytes for a sample event differ from the serializer's, it is not used: the
 * serializer is, and a warning says so. Tests hold it to the serializer's bytes for random events.
 * Not thread-safe (one per appender thread).
 */
public final class TrackingEventEncoder {

    private static final Logger LOGGER = LoggerFactory.getLogger(TrackingEventEncoder.class);

    /** Field names and Avro types, in schema order, that the body writer below writes. */
    private static final List<String> KNOWN_FIELDS = List.of(
            "kind:ENUM", "eventId:STRING", "messageId:STRING", "sendingDomain:STRING", "trackingHost:STRING",
            "recipient:STRING", "occurredAt:LONG", "url:UNION", "linkIndex:UNION", "userAgent:UNION",
            "anonymisedIp:UNION", "bot:BOOLEAN", "edgeNode:UNION");
    private static final List<String> KNOWN_KINDS = List.of("CLICK", "OPEN", "UNKNOWN");

    private final Function<TrackingEvent, byte[]> fallback;
    private final boolean direct;
    private final byte[] header = new byte[10];
    private byte[] buffer = new byte[1024];
    private int length;

    /**
     * @param fallback the topic's serializer, used whenever this encoder cannot vouch for its bytes
     */
    public TrackingEventEncoder(Function<TrackingEvent, byte[]> fallback) {
        this.fallback = fallback;
        Schema schema = TrackingEvent.getClassSchema();
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        header[0] = (byte) 0xC3;
        header[1] = 0x01;
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (fingerprint >>> (8 * i)); // little-endian, as the Avro spec says
        }
        boolean known = describe(schema).equals(KNOWN_FIELDS)
                && schema.getField("kind").schema().getEnumSymbols().equals(KNOWN_KINDS);
        TrackingEvent sample = sample();
        boolean same = known && Arrays.equals(writeDirect(sample), fallback.apply(sample));
        if (!same) {
            LOGGER.atWarn().addKeyValue("schema", schema.getFullName())
                    .log("the TrackingEvent schema is not the one the direct encoder knows; using the Avro serializer");
        }
        this.direct = same;
    }

    /** The encoder for {@code topic}'s values. */
    public static TrackingEventEncoder forTopic(Topic<String, TrackingEvent> topic) {
        return new TrackingEventEncoder(event -> topic.valueSerde().serializer().serialize(topic.name(), event));
    }

    /** Whether events are written directly (else by the fallback serializer). */
    public boolean direct() {
        return direct;
    }

    /** The encoded event, a fresh array. */
    public byte[] encode(TrackingEvent event) {
        return direct ? writeDirect(event) : fallback.apply(event);
    }

    private byte[] writeDirect(TrackingEvent e) {
        length = 0;
        ensure(header.length);
        System.arraycopy(header, 0, buffer, 0, header.length);
        length = header.length;
        writeLong(kindIndex(e.getKind()));
        writeString(e.getEventId());
        writeString(e.getMessageId());
        writeString(e.getSendingDomain());
        writeString(e.getTrackingHost());
        writeString(e.getRecipient());
        Instant at = e.getOccurredAt();
        writeLong(at.toEpochMilli());
        writeOptionalString(e.getUrl());
        Integer linkIndex = e.getLinkIndex();
        if (linkIndex == null) {
            writeLong(0);
        } else {
            writeLong(1);
            writeLong(linkIndex);
        }
        writeOptionalString(e.getUserAgent());
        writeOptionalString(e.getAnonymisedIp());
        ensure(1);
        buffer[length++] = (byte) (e.getBot() ? 1 : 0);
        writeOptionalString(e.getEdgeNode());
        return Arrays.copyOf(buffer, length);
    }

    private static int kindIndex(TrackingEventKind kind) {
        if (kind == null) {
            throw new NullPointerException("kind"); // as the serializer: a required field
        }
        return kind.ordinal();
    }

    private void writeOptionalString(String s) {
        if (s == null) {
            writeLong(0);
        } else {
            writeLong(1);
            writeString(s);
        }
    }

    /** Avro string: zig-zag varint byte count, then UTF-8. */
    private void writeString(String s) {
        if (s == null) {
            throw new NullPointerException("a required string field is null"); // as the serializer
        }
        int n = s.length();
        int start = length;
        writeLong(n); // the byte count when the text is ASCII, one byte a char (nearly always)
        ensure(n);
        byte[] b = buffer;
        int p = length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                length = start;
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                writeLong(utf8.length);
                ensure(utf8.length);
                System.arraycopy(utf8, 0, buffer, length, utf8.length);
                length += utf8.length;
                return;
            }
            b[p++] = (byte) c;
        }
        length = p;
    }

    /** Avro int and long: zig-zag, then little-endian base-128 varint. */
    private void writeLong(long value) {
        ensure(10);
        long v = (value << 1) ^ (value >> 63);
        while ((v & ~0x7FL) != 0) {
            buffer[length++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[length++] = (byte) v;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private static List<String> describe(Schema schema) {
        return schema.getFields().stream().map(f -> f.name() + ":" + f.schema().getType()).toList();
    }

    private static TrackingEvent sample() {
        return new TrackingEvent(TrackingEventKind.CLICK, "0192f3a4-1b2c-7d8e-9f01-23456789abcd", "m-1",
                "shop.example", "email.shop.example", "0123456789abcdef01234567", Instant.ofEpochMilli(1_700_000_000_123L),
                "https://shop.example/é?q=1", 300, "Mozilla/5.0 (Ünïcode)", "198.51.100.0", true, "edge-1");
    }
}
