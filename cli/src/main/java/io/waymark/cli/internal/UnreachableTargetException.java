package io.waymark.cli.internal;

import java.time.Duration;

/**
 * A server of the target did not answer within the timeout. The message is the one line the
 * operator sees: the address, where it came from and what to change.
 */
public final class UnreachableTargetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnreachableTargetException(String server, Setting address, String flag, String variable,
                                      Duration timeout, Throwable cause) {
        super("cannot reach " + server + " at " + address.value() + " (from " + address.origin() + ") within "
                + seconds(timeout) + ": start the local stack with ./waymark up, or point " + flag + " or "
                + variable + " at a running " + server, cause);
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
