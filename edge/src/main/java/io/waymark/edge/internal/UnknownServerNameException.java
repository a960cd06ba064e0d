package io.waymark.edge.internal;

/**
 * No certificate can be served for the requested name; {@link #reason()} is {@code missing} (no
 * SNI), {@code unknown} (not in the index), {@code unopenable} or {@code unusable}. Stackless: it
 * is thrown on the handshake fast path.
 */
public final class UnknownServerNameException extends Exception {

    private final String reason;

    public UnknownServerNameException(String reason) {
        super("no certificate for the server name (" + reason + ")", null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
