package io.waymark.cli.internal;

import io.waymark.cli.CliEnvironment;
import picocli.CommandLine.Option;

/** {@code --kafka} and {@code --topic-prefix}, mixed into every command that talks to Kafka. */
public final class KafkaOptions {

    @Option(names = "--kafka", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (default: WAYMARK_KAFKA_BOOTSTRAP_SERVERS, else the running "
                    + "local stack, else the local stack's 127.0.0.1:29092).")
    String kafka;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX",
            description = "Prefix of every topic name (default: WAYMARK_KAFKA_TOPIC_PREFIX, else the local "
                    + "stack's 'waymark.').")
    String topicPrefix;

    /** The target these flags, the environment and the local stack give. */
    public Target target(CliEnvironment environment) {
        return new TargetResolver(environment).resolve(kafka, topicPrefix, null, null);
    }

    /** Connects to the target's Kafka (checked within the environment's timeout). */
    public KafkaConnection connect(CliEnvironment environment) {
        return KafkaConnection.open(target(environment), environment.timeout());
    }
}
