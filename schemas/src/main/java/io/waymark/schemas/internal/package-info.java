/**
 * Wire-format machinery no other module may use directly.
 *
 * <p>{@link io.waymark.schemas.internal.SingleObjectFormat} reads the single-object header and
 * checks a body against its writer schema before Avro decodes it;
 * {@link io.waymark.schemas.internal.SingleObjectCodec} pairs Avro's
 * {@code BinaryMessageEncoder}/{@code BinaryMessageDecoder} with every released writer schema of
 * one record type; {@link io.waymark.schemas.internal.JsonRecordWriter} renders a decoded record
 * as JSON for the console formatter. Other modules use the public serde and catalog in
 * {@code io.waymark.schemas.kafka}.
 */
package io.waymark.schemas.internal;
