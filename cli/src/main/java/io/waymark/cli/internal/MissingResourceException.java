package io.waymark.cli.internal;

/**
 * Something the command needs is not on the cluster: a topic, the event sink's keyspace. The
 * message says how to create it. Exit code 1.
 */
public final class MissingResourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MissingResourceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A missing topic. */
    public static MissingResourceException topic(String topic) {
        return new MissingResourceException("topic " + topic + " does not exist: create the topics with "
                + "./waymark topics create (and check --topic-prefix)", null);
    }
}
