package io.waymark.schemas.kafka;

import io.waymark.schemas.internal.SingleObjectFormat;
import java.util.OptionalLong;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The one exception the Waymark serde throws: a value that cannot be decoded (unknown writer
 * schema, not single-object encoded, truncated or corrupt body) or a record that cannot be
 * encoded. The message always names the topic, the writer schema fingerprint in hex ("none"
 * when the header could not be read) and the reason, e.g.
 * {@code topic waymark.domain-status, fingerprint 1d2c3b4a59687f0e: unknown writer schema: ...}.
 *
 * <p>It extends Kafka's {@link SerializationException}, so a consumer sees it as a
 * {@code RecordDeserializationException} carrying partition and offset: skip the record
 * (seek past it) and send it to the dead-letter topic.
 */
public class WaymarkSerdeException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final Long fingerprint;
    private final String reason;

    public WaymarkSerdeException(String topic, OptionalLong fingerprint, String reason, Throwable cause) {
        super(message(topic, fingerprint, reason), cause);
        this.topic = topic;
        this.fingerprint = fingerprint.isPresent() ? fingerprint.getAsLong() : null;
        this.reason = reason;
    }

    /** The topic the value was read from or written to. */
    public String topic() {
        return topic;
    }

    /** The writer schema fingerprint, empty when the header could not be read. */
    public OptionalLong fingerprint() {
        return fingerprint == null ? OptionalLong.empty() : OptionalLong.of(fingerprint);
    }

    /** Why it failed, without topic and fingerprint. */
    public String reason() {
        return reason;
    }

    private static String message(String topic, OptionalLong fingerprint, String reason) {
        return "topic " + topic + ", fingerprint "
                + (fingerprint.isPresent() ? SingleObjectFormat.hex(fingerprint.getAsLong()) : "none")
                + ": " + reason;
    }
}
