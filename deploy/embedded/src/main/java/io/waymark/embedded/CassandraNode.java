package io.waymark.embedded;

import java.net.InetSocketAddress;

/**
 * A running Cassandra node that a test reaches with the Java driver:
 * {@code CqlSession.builder().addContactPoint(node.contactPoint()).withLocalDatacenter(node.localDatacenter())}.
 * {@link CassandraExtension} injects the JVM-wide shared one; {@link #stop()} and
 * {@link #start()} let fault tests take it away and bring it back on the same data and port.
 */
public interface CassandraNode {

    /** Where the CQL native transport listens. */
    InetSocketAddress contactPoint();

    /** The data center name the driver's load-balancing policy must be given. */
    String localDatacenter();

    /** Stops the node gracefully (it flushes memtables); data stays. */
    void stop();

    /** Starts a stopped node on the same data and port and waits until CQL answers. */
    void start();

    /** {@link #stop()}, then {@link #start()}. */
    default void restart() {
        stop();
        start();
    }
}
