package io.waymark.common.host.internal;

import io.waymark.common.host.Hostname;
import io.waymark.common.host.InvalidHostnameException;
import io.waymark.common.host.InvalidHostnameException.Reason;
import java.net.IDN;
import java.util.Locale;

/**
 * The checks behind {@link Hostname#parse(String)}; see the package documentation for the order.
 * Not part of the API: other modules call {@code Hostname.parse}.
 */
public final class HostnameRules {

    // Bounds the work done on hostile input before IDNA conversion (which is not linear-cheap).
    private static final int MAX_RAW_LENGTH = 1024;

    private HostnameRules() {
    }

    /** Returns the canonical ASCII form of {@code input} or throws why it is not a hostname. */
    public static String canonicalise(String input) {
        if (input.isEmpty() || input.equals(".")) {
            throw fail(Reason.EMPTY, input, "empty");
        }
        if (input.length() > MAX_RAW_LENGTH) {
            throw fail(Reason.TOO_LONG, input, "longer than " + Hostname.MAX_LENGTH + " characters");
        }
        checkRawShape(input);
        String ascii = isAscii(input) ? input : toAscii(input);
        String name = ascii.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            throw fail(Reason.EMPTY, input, "empty");
        }
        if (name.length() > Hostname.MAX_LENGTH) {
            throw fail(Reason.TOO_LONG, input,
                    name.length() + " characters, more than " + Hostname.MAX_LENGTH);
        }
        String[] labels = name.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            checkLabel(labels[i], i, input);
        }
        if (labels.length < 2) {
            throw fail(Reason.SINGLE_LABEL, input, "a hostname needs at least two labels");
        }
        checkNotNumeric(labels, input);
        return name;
    }

    private static void checkRawShape(String input) {
        int colons = 0;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == ':') {
                colons++;
            } else if (c == '*') {
                throw fail(Reason.WILDCARD, input, "wildcards are not allowed");
            }
        }
        if (input.charAt(0) == '[' || colons >= 2) {
            throw fail(Reason.IP_LITERAL, input, "an IPv6 address is not a hostname");
        }
        if (colons == 1) {
            throw fail(Reason.INVALID_CHARACTER, input, "':' is not allowed (a port does not belong here)");
        }
    }

    private static String toAscii(String input) {
        try {
            // Flags 0: no STD3 check here, so our own label rules give the precise reason.
            // java.net.IDN implements IDNA2003 (RFC 3490), the mapping the JDK offers.
            return IDN.toASCII(input, 0);
        } catch (RuntimeException e) {
            throw fail(Reason.IDNA_ERROR, input, "IDNA conversion failed: " + e.getMessage());
        }
    }

    private static void checkLabel(String label, int index, String input) {
        if (label.isEmpty()) {
            throw fail(Reason.EMPTY_LABEL, input, "label " + (index + 1) + " is empty");
        }
        if (label.length() > Hostname.MAX_LABEL_LENGTH) {
            throw fail(Reason.LABEL_TOO_LONG, input, "label " + (index + 1) + " has "
                    + label.length() + " characters, more than " + Hostname.MAX_LABEL_LENGTH);
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                throw fail(Reason.INVALID_CHARACTER, input, "character " + describe(c)
                        + " in label " + (index + 1) + " is not a letter, digit or hyphen");
            }
        }
        if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            throw fail(Reason.HYPHEN_AT_LABEL_EDGE, input,
                    "label " + (index + 1) + " starts or ends with a hyphen");
        }
        if (label.startsWith("xn--") && !isValidPunycode(label)) {
            throw fail(Reason.IDNA_ERROR, input, "label " + (index + 1) + " is not valid punycode");
        }
    }

    private static boolean isValidPunycode(String label) {
        try {
            String unicode = IDN.toUnicode(label, 0);
            // toUnicode returns its input unchanged when decoding fails; a valid A-label
            // must also survive the way back (RFC 5891 §5.4).
            return !unicode.equals(label) && IDN.toASCII(unicode, 0).equalsIgnoreCase(label);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void checkNotNumeric(String[] labels, String input) {
        // WHATWG URL parsing treats a name whose last label is a number (decimal or 0x-hex)
        // as an IPv4 address, so such names can never be served by name.
        if (!isNumberLike(labels[labels.length - 1])) {
            return;
        }
        for (String label : labels) {
            if (!isNumberLike(label)) {
                throw fail(Reason.NUMERIC_TLD, input, "the last label is numeric");
            }
        }
        throw fail(Reason.IP_LITERAL, input, "an IPv4 address is not a hostname");
    }

    private static boolean isNumberLike(String label) {
        int start = label.startsWith("0x") ? 2 : 0;
        boolean hex = start == 2;
        for (int i = start; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (!digit && !(hex && c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String describe(char c) {
        return c < 0x20 || c >= 0x7f ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    private static InvalidHostnameException fail(Reason reason, String input, String detail) {
        return new InvalidHostnameException(reason, input, detail);
    }
}
