package io.waymark.rewriter.internal;

import io.waymark.rewriter.RewriteException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Walks the MIME structure of a message over its raw bytes (RFC 2045, RFC 2046 §5.1) and asks a
 * {@link LeafHandler} for a new body of each leaf part. The result is assembled from the input's
 * own bytes plus the replaced bodies, so nothing outside a replaced body changes: not a header
 * byte, not a boundary, not the preamble or epilogue, not an attachment. Both CRLF and bare LF
 * line ends are understood. Nesting is limited to {@value #MAX_DEPTH} levels.
 */
public final class MimeWalker {

    /** Deeper nesting than this is refused (legitimate mail nests 3 or 4 deep). */
    public static final int MAX_DEPTH = 32;

    /** Decides about one leaf part. */
    @FunctionalInterface
    public interface LeafHandler {
        /**
         * A replacement for {@code bytes[bodyStart, bodyEnd)}, or null to leave it.
         *
         * @param path the part's position, "1.2" style (RFC 3501 §6.4.5), "" for the message itself
         */
        byte[] body(byte[] bytes, int bodyStart, int bodyEnd, HeaderBlock headers, ContentType type, String path)
                throws RewriteException;
    }

    private record Edit(int start, int end, byte[] replacement) {
    }

    private final byte[] bytes;
    private final LeafHandler handler;
    private final List<Edit> edits = new ArrayList<>();

    private MimeWalker(byte[] bytes, LeafHandler handler) {
        this.bytes = bytes;
        this.handler = handler;
    }

    /** The message with the handler's replacements applied; {@code raw} itself when none. */
    public static byte[] walk(byte[] raw, LeafHandler handler) throws RewriteException {
        MimeWalker walker = new MimeWalker(raw, handler);
        walker.entity(0, raw.length, 0, ContentType.DEFAULT, "");
        return walker.assemble();
    }

    /** The top-level header section of {@code raw}. */
    public static HeaderBlock headers(byte[] raw) {
        return HeaderBlock.parse(raw, 0, raw.length);
    }

    private void entity(int start, int end, int depth, ContentType fallback, String path) throws RewriteException {
        if (depth > MAX_DEPTH) {
            throw new RewriteException(RewriteException.Reason.MALFORMED_MIME,
                    "multipart nesting deeper than " + MAX_DEPTH + " at part " + path);
        }
        HeaderBlock headers = HeaderBlock.parse(bytes, start, end);
        ContentType type = ContentType.parse(headers.field("content-type"), fallback);
        int bodyStart = Math.min(headers.bodyStart(), end);
        if (type.isMultipart()) {
            String boundary = type.parameter("boundary");
            if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
                throw new RewriteException(RewriteException.Reason.MALFORMED_MIME,
                        "multipart/" + type.subtype() + " without a valid boundary at part " + label(path));
            }
            multipart(bodyStart, end, boundary, depth, type.subtype().equals("digest")
                    ? ContentType.DIGEST_DEFAULT : ContentType.DEFAULT, path);
            return;
        }
        byte[] replacement = handler.body(bytes, bodyStart, end, headers, type, path);
        if (replacement != null) {
            edits.add(new Edit(bodyStart, end, replacement));
        }
    }

    /**
     * RFC 2046 §5.1.1: a delimiter is "--" boundary at the start of a line, then "--" for the
     * close delimiter, then optional blanks and the line break; the line break before a delimiter
     * belongs to the delimiter, not to the part.
     */
    private void multipart(int bodyStart, int end, String boundary, int depth, ContentType childDefault,
                           String path) throws RewriteException {
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int partStart = -1;
        int index = 0;
        int line = bodyStart;
        boolean found = false;
        while (line < end) {
            int eol = line;
            while (eol < end && bytes[eol] != '\n') {
                eol++;
            }
            int next = eol < end ? eol + 1 : end;
            int kind = delimiter(line, eol, dash);
            if (kind != 0) {
                found = true;
                if (partStart >= 0) {
                    int partEnd = line;
                    if (partEnd > partStart && bytes[partEnd - 1] == '\n') {
                        partEnd--;
                        if (partEnd > partStart && bytes[partEnd - 1] == '\r') {
                            partEnd--;
                        }
                    }
                    index++;
                    entity(partStart, Math.max(partStart, partEnd), depth + 1, childDefault, child(path, index));
                }
                if (kind == 2) {
                    return; // the close delimiter: what follows is the epilogue, left alone
                }
                partStart = next;
            }
            line = next;
        }
        if (!found) {
            throw new RewriteException(RewriteException.Reason.MALFORMED_MIME,
                    "no boundary delimiter in multipart at part " + label(path));
        }
        if (partStart >= 0 && partStart < end) {
            // no close delimiter: the last part runs to the end (robustness, RFC 2046 §5.1.2)
            index++;
            entity(partStart, end, depth + 1, childDefault, child(path, index));
        }
    }

    /** 0: not a delimiter line; 1: delimiter; 2: close delimiter. */
    private int delimiter(int line, int eol, byte[] dash) {
        int contentEnd = eol > line && bytes[eol - 1] == '\r' ? eol - 1 : eol;
        if (contentEnd - line < dash.length) {
            return 0;
        }
        for (int i = 0; i < dash.length; i++) {
            if (bytes[line + i] != dash[i]) {
                return 0;
            }
        }
        int p = line + dash.length;
        int kind = 1;
        if (p + 2 <= contentEnd && bytes[p] == '-' && bytes[p + 1] == '-') {
            kind = 2;
            p += 2;
        }
        for (; p < contentEnd; p++) {
            if (bytes[p] != ' ' && bytes[p] != '\t') {
                return 0; // "--boundaryX" is not our delimiter (transport padding is LWSP only)
            }
        }
        return kind;
    }

    private byte[] assemble() {
        if (edits.isEmpty()) {
            return bytes;
        }
        long size = bytes.length;
        for (Edit e : edits) {
            size += e.replacement.length - (e.end - e.start);
        }
        byte[] out = new byte[Math.toIntExact(size)];
        int from = 0;
        int at = 0;
        for (Edit e : edits) {
            System.arraycopy(bytes, from, out, at, e.start - from);
            at += e.start - from;
            System.arraycopy(e.replacement, 0, out, at, e.replacement.length);
            at += e.replacement.length;
            from = e.end;
        }
        System.arraycopy(bytes, from, out, at, bytes.length - from);
        return out;
    }

    private static String child(String path, int index) {
        return path.isEmpty() ? Integer.toString(index) : path + "." + index;
    }

    private static String label(String path) {
        return path.isEmpty() ? "(message)" : path.toLowerCase(Locale.ROOT);
    }
}
