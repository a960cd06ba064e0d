/**
 * How the sink works; not for other modules. The pipeline, per record:
 *
 * <ol>
 *   <li>{@link io.waymark.eventsink.internal.SinkLoop} polls raw bytes (one consumer thread,
 *       manual commits) and takes a permit of the in-flight bound, pausing every partition when
 *       the backlog is full;</li>
 *   <li>the value is decoded with {@code WaymarkSerde} and checked by
 *       {@link io.waymark.eventsink.internal.EventRules}; a failure goes to
 *       {@link io.waymark.eventsink.internal.DeadLetters};</li>
 *   <li>{@link io.waymark.eventsink.internal.EventStatements} binds the event's 5–6 idempotent
 *       inserts, placed and timestamped by {@link io.waymark.eventsink.internal.RowLayout}
 *       (day buckets, event-time and earliest-wins write timestamps, TTL from event time);</li>
 *   <li>the inserts run with {@code executeAsync}; transient failures
 *       ({@link io.waymark.eventsink.internal.TransientFailures}) are retried per
 *       {@link io.waymark.eventsink.internal.BackoffPolicy} on a scheduler thread, never on a
 *       driver I/O thread, keeping the permit;</li>
 *   <li>once the last insert (or the dead letter) is acknowledged the offset completes in its
 *       partition's {@link io.waymark.eventsink.internal.PartitionOffsets}, and the longest
 *       completed prefix is committed.</li>
 * </ol>
 *
 * {@link io.waymark.eventsink.internal.SchemaMigrator} owns the schema,
 * {@link io.waymark.eventsink.internal.CqlSessions} the driver settings and
 * {@link io.waymark.eventsink.internal.EventSinkMetrics} every meter.
 */
package io.waymark.eventsink.internal;
