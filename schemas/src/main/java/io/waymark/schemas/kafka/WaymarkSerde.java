package io.waymark.schemas.kafka;

import io.waymark.schemas.evolution.SchemaHistory;
import io.waymark.schemas.internal.SingleObjectCodec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a Waymark record in Avro single-object encoding ({@code C3 01}, 8-byte
 * little-endian CRC-64-AVRO fingerprint, binary body); no schema registry involved.
 *
 * <p>Serializing writes the current schema. Deserializing accepts every version released in
 * this jar's schema history and resolves it to the current class. A {@code null} value is a
 * tombstone both ways. Anything undecodable raises {@link WaymarkSerdeException}, nothing else.
 * Instances are immutable and thread-safe: share them (Kafka Streams, several consumers).
 *
 * <p>Obtain one from the topic catalog ({@code Topics.withPrefix("waymark.").domainStatus().valueSerde()})
 * or with {@link #of(Class)}.
 *
 * @param <T> the generated record class
 */
public final class WaymarkSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private static final Map<Class<?>, WaymarkSerde<?>> CACHE = new ConcurrentHashMap<>();

    private final SingleObjectCodec<T> codec;

    private WaymarkSerde(Class<T> type) {
        this.codec = new SingleObjectCodec<>(type, SchemaHistory.shipped());
    }

    /** The serde of a generated record class, reading every released version of it. */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> WaymarkSerde<T> of(Class<T> type) {
        return (WaymarkSerde<T>) CACHE.computeIfAbsent(type, t -> new WaymarkSerde<>(type));
    }

    /** The record class. */
    public Class<T> type() {
        return codec.type();
    }

    /** The fingerprint of the schema this serde writes. */
    public long fingerprint() {
        return codec.fingerprint();
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : codec.encode(topic, data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : codec.decode(topic, data);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the schemas come from the jar
    }

    @Override
    public void close() {
        // shared and stateless: closing one client must not close it for the others
    }

    @Override
    public String toString() {
        return "WaymarkSerde[" + codec.type().getName() + "]";
    }
}
