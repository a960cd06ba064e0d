package io.waymark.eventsink.internal;

import io.waymark.schemas.kafka.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Publishes a record the sink cannot store to {@code dlq.event-sink}: the original key and value
 * bytes, untouched, and the reason in {@link DeadLetterHeaders}. The returned future completes
 * when the broker acknowledged the dead letter; only then may the original offset be committed.
 */
public final class DeadLetters {

    static final String SERVICE = "event-sink";

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    public DeadLetters(Producer<byte[], byte[]> producer, String topic) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    /** Sends the dead letter of {@code original}; {@code reason} must not hold secrets or bodies. */
    public CompletableFuture<Void> send(ConsumerRecord<byte[], byte[]> original, String errorClass, String reason) {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, null, original.key(), original.value());
        Headers headers = letter.headers();
        original.headers().forEach(headers::add);
        put(headers, DeadLetterHeaders.ORIGINAL_TOPIC, original.topic());
        put(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(original.partition()));
        put(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(original.offset()));
        put(headers, DeadLetterHeaders.SERVICE, SERVICE);
        put(headers, DeadLetterHeaders.ERROR_CLASS, errorClass);
        put(headers, DeadLetterHeaders.ERROR_MESSAGE, reason);
        put(headers, DeadLetterHeaders.FAILED_AT, Long.toString(System.currentTimeMillis()));
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            producer.send(letter, (metadata, error) -> {
                if (error == null) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            sent.completeExceptionally(e);
        }
        return sent;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
