package io.waymark.schemas.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.schemas.evolution.SchemaHistory;
import io.waymark.schemas.evolution.SchemaVersion;
import io.waymark.schemas.kafka.WaymarkSerdeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Single-object encoding of one generated record type. Writes the current schema; reads any
 * released version (found by fingerprint in {@link SchemaHistory}) and resolves it to the current
 * class. Thread-safe.
 */
public final class SingleObjectCodec<T extends SpecificRecord> {

    private final Class<T> type;
    private final Schema schema;
    private final long fingerprint;
    private final SchemaHistory history;
    private final Map<Long, Schema> writers = new HashMap<>();
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    public SingleObjectCodec(Class<T> type, SchemaHistory history) {
        this.type = requireNonNull(type, "type");
        this.history = requireNonNull(history, "history");
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        SchemaVersion current = SchemaVersion.of(1, schema);
        this.fingerprint = current.fingerprint();
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        writers.put(fingerprint, schema);
        for (SchemaVersion released : history.versions(schema.getFullName())) {
            writers.put(released.fingerprint(), released.schema());
            decoder.addSchema(released.schema());
        }
    }

    /** The record class. */
    public Class<T> type() {
        return type;
    }

    /** The fingerprint this codec writes. */
    public long fingerprint() {
        return fingerprint;
    }

    /** Encodes with the current schema. */
    public byte[] encode(String topic, T value) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            encoder.encode(value, out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new WaymarkSerdeException(topic, OptionalLong.of(fingerprint),
                    "cannot encode " + schema.getFullName() + ": " + e, e);
        }
    }

    /** Decodes any released version into the current class. */
    public T decode(String topic, byte[] data) {
        long found;
        try {
            found = SingleObjectFormat.fingerprint(data);
        } catch (MalformedRecordException e) {
            throw new WaymarkSerdeException(topic, OptionalLong.empty(), e.getMessage(), e);
        }
        Schema writer = writers.get(found);
        if (writer == null) {
            throw new WaymarkSerdeException(topic, OptionalLong.of(found), unknown(found), null);
        }
        try {
            SingleObjectFormat.requireWellFormedBody(writer, data);
            return decoder.decode(data);
        } catch (IOException | RuntimeException e) {
            throw new WaymarkSerdeException(topic, OptionalLong.of(found),
                    "cannot decode " + writer.getFullName() + ": " + e.getMessage(), e);
        }
    }

    private String unknown(long found) {
        return history.find(found)
                .map(other -> "unknown writer schema: it is " + other + ", this topic carries "
                        + schema.getFullName())
                .orElseGet(() -> "unknown writer schema: not a released version of " + schema.getFullName()
                        + " (known: " + known() + "); a producer newer than this consumer?");
    }

    private String known() {
        List<SchemaVersion> versions = history.versions(schema.getFullName());
        return versions.isEmpty() ? "current " + SingleObjectFormat.hex(fingerprint)
                : versions.stream().map(v -> "v" + v.version() + " " + v.fingerprintHex())
                        .collect(Collectors.joining(", "));
    }
}
