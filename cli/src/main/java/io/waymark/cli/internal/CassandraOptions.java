package io.waymark.cli.internal;

import io.waymark.cli.CliEnvironment;
import picocli.CommandLine.Option;

/**
 * {@code --cassandra} and {@code --datacenter}, mixed into commands that read Cassandra. The
 * keyspace, bucket count, consistency and credentials come from the event sink's own
 * {@code WAYMARK_CASSANDRA_*} / {@code WAYMARK_EVENT_SINK_*} variables.
 */
public final class CassandraOptions {

    @Option(names = "--cassandra", paramLabel = "HOST:PORT[,...]",
            description = "Cassandra contact points (default: WAYMARK_CASSANDRA_CONTACT_POINTS, else the running "
                    + "local stack, else the local stack's 127.0.0.1:29042).")
    String cassandra;

    @Option(names = "--datacenter", paramLabel = "DC",
            description = "Cassandra local datacenter (default: WAYMARK_CASSANDRA_LOCAL_DATACENTER, else "
                    + "datacenter1).")
    String datacenter;

    /** The target these flags, the environment and the local stack give. */
    public Target target(CliEnvironment environment) {
        return new TargetResolver(environment).resolve(null, null, cassandra, datacenter);
    }
}
