/**
 * How the commands reach a cluster. A command's flags ({@link io.waymark.cli.internal.KafkaOptions},
 * {@link io.waymark.cli.internal.CassandraOptions}) go through {@link io.waymark.cli.internal.TargetResolver}
 * (flags, then {@code WAYMARK_*} variables, then a running local stack, then the local stack's
 * defaults) into a {@link io.waymark.cli.internal.Target} that remembers where each value came from.
 * {@link io.waymark.cli.internal.KafkaConnection} checks the cluster answers within the timeout
 * before anything else (so an unreachable address becomes one {@link io.waymark.cli.internal.UnreachableTargetException}
 * naming it and the flag to change) and makes idempotent {@code acks=all} producers and
 * group-less consumers; {@link io.waymark.cli.internal.TopicReader} reads a topic from the beginning
 * to the end offsets captured at start with {@code assign()}, decoding each record on its own so
 * one bad record is reported and skipped, never fatal.
 */
package io.waymark.cli.internal;
