package io.waymark.common.config;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A {@code host:port} setting (Kafka bootstrap servers, bind addresses). IPv6 hosts are written
 * in brackets ({@code [::1]:9092}). Port 0 is allowed and means "any free port" for a bind
 * address.
 */
public record HostPort(String host, int port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is outside [0, 65535]");
        }
    }

    /** Parses {@code host:port} or {@code [v6]:port}; throws {@link IllegalArgumentException}. */
    public static HostPort parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an IPv6 host must be written in brackets");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number");
        }
        return new HostPort(host, port);
    }

    /** An unresolved socket address, resolved by whoever connects or binds. */
    public InetSocketAddress toSocketAddress() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
