/**
 * Real Kafka, Cassandra and ACME (Pebble) servers on one machine, for integration tests and
 * the local stack. No mocks: every launcher runs the real server.
 *
 * <p>Tests use the JUnit 5 extensions, which start each server once per test JVM, share it
 * across test classes and inject a handle:
 * <ul>
 *   <li>{@link io.waymark.embedded.KafkaExtension} → {@link io.waymark.embedded.KafkaCluster}
 *       (in-process KRaft node) and {@link io.waymark.embedded.KafkaProcess} (a dedicated child
 *       JVM broker per test, for kill/restart tests);</li>
 *   <li>{@link io.waymark.embedded.CassandraExtension} → {@link io.waymark.embedded.CassandraNode}
 *       (a Cassandra 5.0 child JVM);</li>
 *   <li>{@link io.waymark.embedded.PebbleExtension} → {@link io.waymark.embedded.AcmeServer}
 *       (pebble + pebble-challtestsrv child processes), with
 *       {@link io.waymark.embedded.TrustingAcmeProvider} for an acme4j session that trusts it.</li>
 * </ul>
 * When a Docker engine answers, the same extensions run Testcontainers instead;
 * {@code -Dwaymark.infra=embedded|containers|auto} forces the choice.
 *
 * <p>The launchers ({@link io.waymark.embedded.InProcessKafka}, {@link io.waymark.embedded.KafkaProcess},
 * {@link io.waymark.embedded.CassandraProcess}, {@link io.waymark.embedded.PebbleProcess}) work
 * without JUnit too. Every child process is killed, with its descendants, when the JVM exits.
 * How they work inside is explained in {@link io.waymark.embedded.internal}.
 */
package io.waymark.embedded;
