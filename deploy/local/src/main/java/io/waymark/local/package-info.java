/**
 * The local stack: all of Waymark on one machine, with real Kafka, Cassandra and Pebble.
 *
 * <p>{@link io.waymark.local.LocalStack} starts and stops it; {@link io.waymark.local.LocalEndpoints}
 * and {@link io.waymark.local.LocalPorts} say where it listens (the command line finds a running
 * stack through {@code <home>/stack.properties}); {@link io.waymark.local.UpCommand} and
 * {@link io.waymark.local.DemoCommand} are the {@code up} and {@code demo} commands of
 * {@code ./waymark}; {@link io.waymark.local.DemoScenario} is the end-to-end scenario that
 * {@code demo} prints and {@code DemoIT} asserts. How it is built: the {@code internal} package.
 */
package io.waymark.local;
