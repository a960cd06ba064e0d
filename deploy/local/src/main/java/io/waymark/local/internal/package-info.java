/**
 * How the local stack is put together; nothing here is for other modules.
 *
 * <p>Start-up, in {@code LocalStack} order: {@link io.waymark.local.internal.StackHome} lays out
 * the home directory (wiping {@code data/} for {@code --fresh}) and
 * {@link io.waymark.local.internal.LocalKeys} creates or reads the generated secrets;
 * {@link io.waymark.local.internal.PortGuard} refuses to go on when any port is taken, before
 * anything starts; Pebble, Kafka and Cassandra start in parallel (launchers of
 * {@code waymark-embedded}); the topics are created from the {@code Topics} catalog;
 * {@link io.waymark.local.internal.LocalServices} turns the ports and paths into one
 * {@link io.waymark.local.internal.ServiceSpec} per service (the production keys, written as a
 * {@code --config} file), and {@link io.waymark.local.internal.ServiceProcess} runs each one in a
 * child JVM and waits for its {@code /readyz}. {@link io.waymark.local.internal.ProgressPrinter}
 * prints every part's state and time as it changes. {@link io.waymark.local.internal.StopSignals}
 * turns Ctrl-C and SIGTERM into an orderly stop: services first, then Kafka, Cassandra, Pebble.
 *
 * <p>The demo: {@link io.waymark.local.internal.DemoKafka} produces domain events and messages and
 * reads status and rewritten messages back, {@link io.waymark.local.internal.DemoMail} is the
 * sample newsletter and its links, {@link io.waymark.local.internal.EdgeClient} is the TLS client
 * that talks to the edge like {@code curl --connect-to}, trusting only Pebble's issuing root.
 */
package io.waymark.local.internal;
