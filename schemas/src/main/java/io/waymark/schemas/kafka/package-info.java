/**
 * What services code against to use Kafka the Waymark way.
 *
 * <ul>
 *   <li>{@link io.waymark.schemas.kafka.Topics}: the topic catalog, one typed
 *       {@link io.waymark.schemas.kafka.Topic} per topic (name, key and value serde, cleanup
 *       policy, partitions, retention, {@code max.message.bytes});</li>
 *   <li>{@link io.waymark.schemas.kafka.WaymarkSerde}: Avro single-object encoding, reading every
 *       released schema version; failures are {@link io.waymark.schemas.kafka.WaymarkSerdeException};</li>
 *   <li>{@link io.waymark.schemas.kafka.TopicAdmin}: creates missing topics, reports drift;</li>
 *   <li>{@link io.waymark.schemas.kafka.JsonLineFormatter}: prints records for
 *       {@code kafka-console-consumer};</li>
 *   <li>{@link io.waymark.schemas.kafka.ChallengeKey} and
 *       {@link io.waymark.schemas.kafka.DeadLetterHeaders}: the key and header formats two
 *       services must agree on.</li>
 * </ul>
 */
package io.waymark.schemas.kafka;
