/**
 * The Avro records Waymark services exchange over Kafka, generated from
 * {@code schemas/src/main/avro/*.avsc} at build time: {@code DomainEvent}, {@code CertificateOrder},
 * {@code AcmeChallenge}, {@code CertificateRecord} (with {@code SealedKey}), {@code DomainStatus},
 * {@code OutboundMessage} and {@code TrackingEvent}. Topics, keys and the serde are in
 * {@code io.waymark.schemas.kafka}.
 */
package io.waymark.schemas;
