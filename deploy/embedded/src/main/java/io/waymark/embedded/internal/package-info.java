/**
 * How the launchers work; nothing here is API.
 *
 * <ul>
 *   <li>{@link io.waymark.embedded.internal.ChildProcess} starts a server with its output
 *       appended to a log file in its run directory and registers it with
 *       {@link io.waymark.embedded.internal.ProcessReaper}, whose shutdown hook terminates every
 *       survivor and its descendants (SIGTERM, 5 s grace, SIGKILL).</li>
 *   <li>{@link io.waymark.embedded.internal.JavaCommand} builds child JVM command lines and
 *       finds their classpaths: Kafka runs on this JVM's classpath, Cassandra on the list that
 *       {@code waymark-cassandra-runtime} resolved at build time (a resource, so it also works
 *       when this module is a test dependency of another).</li>
 *   <li>{@link io.waymark.embedded.internal.RunDirectories} places data and logs under
 *       {@code target/waymark-embedded} of the module under test; {@link io.waymark.embedded.internal.LoopbackPorts}
 *       picks loopback ports; {@link io.waymark.embedded.internal.Poll} and
 *       {@link io.waymark.embedded.internal.LogFile} wait for readiness.</li>
 *   <li>{@link io.waymark.embedded.internal.SharedServers} keeps one server per type in JUnit's
 *       root store; {@link io.waymark.embedded.internal.InfraMode} decides embedded vs containers.</li>
 *   <li>{@code kafka}, {@code cassandra} and {@code pebble} hold each server's configuration
 *       and readiness checks; {@code containers} the Testcontainers variants.</li>
 * </ul>
 */
package io.waymark.embedded.internal;
