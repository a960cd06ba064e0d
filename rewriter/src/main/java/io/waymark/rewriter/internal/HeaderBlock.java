package io.waymark.rewriter.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The header section of an entity (RFC 5322 §2.2, RFC 2045 §3): where it ends, where the body
 * starts, the line ending it uses and the unfolded values of the fields the rewriter reads. The
 * bytes themselves are never changed.
 */
public final class HeaderBlock {

    private final Map<String, String> fields;
    private final int bodyStart;
    private final String lineEnding;

    private HeaderBlock(Map<String, String> fields, int bodyStart, String lineEnding) {
        this.fields = fields;
        this.bodyStart = bodyStart;
        this.lineEnding = lineEnding;
    }

    /**
     * Reads the header section of the entity in {@code bytes[start, end)}: it ends at the first
     * empty line; without one the whole entity is header and the body is empty.
     */
    public static HeaderBlock parse(byte[] bytes, int start, int end) {
        String lineEnding = "\r\n";
        for (int i = start; i < end; i++) {
            if (bytes[i] == '\n') {
                lineEnding = i > start && bytes[i - 1] == '\r' ? "\r\n" : "\n";
                break;
            }
        }
        Map<String, String> fields = new HashMap<>();
        int p = start;
        String name = null;
        StringBuilder value = null;
        int bodyStart = end;
        while (p < end) {
            int eol = p;
            while (eol < end && bytes[eol] != '\n') {
                eol++;
            }
            int contentEnd = eol > p && bytes[eol - 1] == '\r' ? eol - 1 : eol;
            int next = eol < end ? eol + 1 : end;
            if (contentEnd == p) {
                bodyStart = next; // the empty line separating header and body
                break;
            }
            String line = new String(bytes, p, contentEnd - p, StandardCharsets.ISO_8859_1);
            char first = line.charAt(0);
            if ((first == ' ' || first == '\t') && value != null) {
                value.append(line); // RFC 5322 §2.2.3 unfolding: drop only the line break
            } else {
                store(fields, name, value);
                int colon = line.indexOf(':');
                if (colon > 0) {
                    name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    value = new StringBuilder(line.substring(colon + 1));
                } else {
                    name = null;
                    value = null;
                }
            }
            p = next;
        }
        store(fields, name, value);
        return new HeaderBlock(fields, bodyStart, lineEnding);
    }

    private static void store(Map<String, String> fields, String name, StringBuilder value) {
        if (name != null && value != null) {
            fields.putIfAbsent(name, value.toString().trim()); // the first occurrence wins
        }
    }

    /** The unfolded, trimmed value of a field (name in any case), or null. */
    public String field(String name) {
        return fields.get(name.toLowerCase(Locale.ROOT));
    }

    /** Index of the first body byte (the end of the entity when there is no body). */
    public int bodyStart() {
        return bodyStart;
    }

    /** {@code "\r\n"} or {@code "\n"}, as the header section uses. */
    public String lineEnding() {
        return lineEnding;
    }
}
