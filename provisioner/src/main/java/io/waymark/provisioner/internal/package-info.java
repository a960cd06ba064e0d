/**
 * How the provisioner works, in the order a request flows through it.
 *
 * <ol>
 *   <li>{@code ConsumerLoop} reads {@code domain-events} and {@code cert-orders};
 *       {@code RecordDecoder} turns each record into a {@code Command} (bad bytes go to
 *       {@code dlq.provisioner}; bad names become a FAILED status without ACME traffic).</li>
 *   <li>{@code Provisioner} runs commands one at a time per sending domain. It consults
 *       {@code StateView} (the compacted certificates and domain-status topics) to republish
 *       instead of reorder, and schedules retries with {@code RetryPolicy}.</li>
 *   <li>{@code CertificateIssuer} runs the ACME order: {@code RateLimitBuckets} first, the
 *       newOrder through {@code AcmeOrders} (ARI {@code replaces}, retried once without it), then
 *       HTTP-01 via {@code OutcomePublisher} (acme-challenges) and {@code PreflightCheck}, polling
 *       with {@code ResourcePoller}, key and CSR from {@code CertificateKeys}.</li>
 *   <li>{@code RecordFactory} seals the key; {@code OutcomePublisher} writes certificate and
 *       status; only then does {@code OffsetTracker} let the consumer commit the record.</li>
 * </ol>
 *
 * {@code AcmeAccount} and {@code AccountKeyFile} keep one account per CA across restarts.
 */
package io.waymark.provisioner.internal;
