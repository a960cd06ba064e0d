package io.waymark.provisioner;

import com.sun.net.httpserver.HttpServer;
import io.waymark.schemas.AcmeChallenge;
import io.waymark.schemas.kafka.ChallengeKey;
import io.waymark.schemas.kafka.Topic;
import io.waymark.schemas.kafka.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The edge's HTTP-01 side in miniature, until the edge module lands: follows the acme-challenges
 * topic and answers {@code GET /.well-known/acme-challenge/<token>} (RFC 8555 §8.3) when the Host
 * header names the challenge's host. Remembers every request, so tests see what the CA asked.
 */
final class ChallengeResponder implements AutoCloseable {

    private static final String PREFIX = "/.well-known/acme-challenge/";

    private final HttpServer server;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private final Map<String, AcmeChallenge> challenges = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> tombstones = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private volatile boolean lieToTheCa;

    ChallengeResponder(String bootstrapServers, Topics topics, int port) throws IOException {
        Topic<String, AcmeChallenge> topic = topics.acmeChallenges();
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(() -> {
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                        if (record.value() == null) {
                            challenges.remove(record.key());
                            tombstones.add(record.key());
                        } else {
                            challenges.put(record.key(), topic.valueSerde().deserializer()
                                    .deserialize(record.topic(), record.value()));
                        }
                    }
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                consumer.close();
            }
        }, "challenge-responder");
        reader.setDaemon(true);
        reader.start();

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext(PREFIX, exchange -> {
            String token = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String host = exchange.getRequestHeaders().getFirst("Host");
            String bareHost = host == null ? "" : host.replaceFirst(":\\d+$", "");
            requests.add(bareHost + "/" + token);
            AcmeChallenge challenge = bareHost.isEmpty() || token.isEmpty() || token.contains("/") ? null
                    : challenges.get(new ChallengeKey(bareHost, token).toString());
            String agent = String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent"));
            boolean selfCheck = agent.contains("waymark-provisioner-preflight");
            String answer = challenge == null ? "not found"
                    : lieToTheCa && !selfCheck ? token + ".not-the-account-thumbprint" : challenge.getKeyAuthorization();
            byte[] body = answer.getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(challenge == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** From now on, answer the provisioner's self-check correctly but the CA wrongly. */
    void lieToTheCa() {
        lieToTheCa = true;
    }

    /** Every request as {@code host/token}, the CA's and the provisioner's self-checks alike. */
    List<String> requests() {
        return requests;
    }

    /** Keys of challenges removed by a tombstone. */
    List<String> tombstones() {
        return tombstones;
    }

    /** Challenges currently published (not yet tombstoned). */
    Map<String, AcmeChallenge> live() {
        return challenges;
    }

    @Override
    public void close() {
        server.stop(0);
        running = false;
        consumer.wakeup();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
