package io.waymark.common.host;

import java.util.Objects;

/**
 * Thrown when a string is not an acceptable hostname. It is unchecked, like
 * {@link IllegalArgumentException} from {@code UUID.fromString}, because most callers parse
 * trusted configuration; consumers of untrusted input catch it and turn {@link #reason()} into a
 * status or dead-letter record. The message names the offending input (truncated) and the rule
 * it broke; hostnames are not secret.
 */
public final class InvalidHostnameException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_ECHO = 80;

    /** Why a hostname was refused. */
    public enum Reason {
        /** The input is the empty string (or only a dot). */
        EMPTY,
        /** More than 253 characters once converted to ASCII. */
        TOO_LONG,
        /** Two consecutive dots, or a leading dot. */
        EMPTY_LABEL,
        /** A label longer than 63 characters. */
        LABEL_TOO_LONG,
        /** A character other than a letter, digit, hyphen or dot (RFC 1123 §2.1). */
        INVALID_CHARACTER,
        /** A label starting or ending with a hyphen. */
        HYPHEN_AT_LABEL_EDGE,
        /** Only one label: tracking hosts and sending domains are never bare TLDs. */
        SINGLE_LABEL,
        /** An IPv4 or IPv6 address literal rather than a name. */
        IP_LITERAL,
        /** The last label is numeric, which resolvers and browsers read as an IPv4 address. */
        NUMERIC_TLD,
        /** A wildcard ({@code *}): certificates here are issued per host. */
        WILDCARD,
        /** Internationalised input that IDNA cannot convert, or a malformed {@code xn--} label. */
        IDNA_ERROR
    }

    private final Reason reason;
    private final String input;

    public InvalidHostnameException(Reason reason, String input, String detail) {
        super("invalid hostname '" + echo(input) + "': " + detail + " (" + reason + ")");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.input = input;
    }

    /** The rule the input broke. */
    public Reason reason() {
        return reason;
    }

    /** The input exactly as given (not truncated). */
    public String input() {
        return input;
    }

    private static String echo(String input) {
        // Control characters are escaped so a hostile input cannot forge log lines.
        StringBuilder out = new StringBuilder();
        int n = Math.min(input.length(), MAX_ECHO);
        for (int i = 0; i < n; i++) {
            char c = input.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (input.length() > MAX_ECHO) {
            out.append("…(").append(input.length()).append(" chars)");
        }
        return out.toString();
    }
}
