package io.waymark.common.host;

import io.waymark.common.host.internal.HostnameRules;
import java.net.IDN;
import java.util.List;
import java.util.Objects;

/**
 * A validated DNS hostname in canonical form: ASCII (IDNA), lower case, no trailing dot, RFC 1123
 * labels, at least two labels, never an IP literal or wildcard. Tracking hosts and sending
 * domains are {@code Hostname}s everywhere in Waymark (topic keys, certificate records, token
 * payloads, SNI lookups), so two spellings of one name can never become two keys.
 */
public final class Hostname implements Comparable<Hostname> {

    /** Maximum length of the ASCII form (RFC 1035 §2.3.4, without the root dot). */
    public static final int MAX_LENGTH = 253;
    /** Maximum length of one label (RFC 1035 §2.3.4). */
    public static final int MAX_LABEL_LENGTH = 63;

    private final String ascii;

    private Hostname(String ascii) {
        this.ascii = ascii;
    }

    /**
     * Parses and canonicalises {@code input}.
     *
     * @throws InvalidHostnameException with the reason and the input when it is not acceptable
     * @throws NullPointerException if {@code input} is null
     */
    public static Hostname parse(String input) {
        Objects.requireNonNull(input, "input");
        return new Hostname(HostnameRules.canonicalise(input));
    }

    /** True when {@link #parse(String)} would accept {@code input}. */
    public static boolean isValid(String input) {
        if (input == null) {
            return false;
        }
        try {
            HostnameRules.canonicalise(input);
            return true;
        } catch (InvalidHostnameException e) {
            return false;
        }
    }

    /** The canonical ASCII form, e.g. {@code xn--bcher-kva.example}. */
    public String ascii() {
        return ascii;
    }

    /** The Unicode form for display to people, e.g. {@code bücher.example}. */
    public String unicode() {
        return IDN.toUnicode(ascii);
    }

    /** The labels from left to right. */
    public List<String> labels() {
        return List.of(ascii.split("\\.", -1));
    }

    /** Number of labels (at least two). */
    public int labelCount() {
        int count = 1;
        for (int i = 0; i < ascii.length(); i++) {
            if (ascii.charAt(i) == '.') {
                count++;
            }
        }
        return count;
    }

    /**
     * This name without its first {@code count} labels: {@code email.shop.example} without one is
     * {@code shop.example}. Equal to {@link #parse} of that text, without parsing it again: every
     * label was checked when this name was, and the last label, which decides the numeric rule,
     * is the same.
     *
     * @throws IllegalArgumentException when fewer than two labels would be left, or {@code count} is negative
     */
    public Hostname withoutLeadingLabels(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count " + count + " is negative");
        }
        int start = 0;
        for (int i = 0; i < count; i++) {
            int dot = ascii.indexOf('.', start);
            if (dot < 0) {
                throw new IllegalArgumentException(ascii + " has fewer than " + (count + 2) + " labels");
            }
            start = dot + 1;
        }
        if (ascii.indexOf('.', start) < 0) {
            throw new IllegalArgumentException(ascii + " has fewer than " + (count + 2) + " labels");
        }
        return count == 0 ? this : new Hostname(ascii.substring(start));
    }

    /**
     * True when this name is a strict subdomain of {@code parent}: {@code a.example.com} is a
     * subdomain of {@code example.com}; {@code example.com} is not a subdomain of itself and
     * {@code badexample.com} is not one of {@code example.com}.
     */
    public boolean isSubdomainOf(Hostname parent) {
        Objects.requireNonNull(parent, "parent");
        String p = parent.ascii;
        return ascii.length() > p.length() + 1
                && ascii.endsWith(p)
                && ascii.charAt(ascii.length() - p.length() - 1) == '.';
    }

    @Override
    public int compareTo(Hostname other) {
        return ascii.compareTo(other.ascii);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hostname && ((Hostname) o).ascii.equals(ascii);
    }

    @Override
    public int hashCode() {
        return ascii.hashCode();
    }

    /** The canonical ASCII form, so a {@code Hostname} can be used directly as a topic key. */
    @Override
    public String toString() {
        return ascii;
    }
}
