/**
 * Waymark edge: terminates TLS for every customer tracking host with certificates from the
 * compacted {@code certificates} topic, answers ACME HTTP-01 challenges from
 * {@code acme-challenges}, serves the signed click ({@code /c/<token>}) and open
 * ({@code /o/<token>}) endpoints and publishes a {@code TrackingEvent} for each valid hit through
 * a durable local spool. {@link io.waymark.edge.EdgeMain} runs it on the common service frame;
 * {@link io.waymark.edge.EdgeConfig} lists its settings (table in {@code edge/README.md}).
 */
package io.waymark.edge;
