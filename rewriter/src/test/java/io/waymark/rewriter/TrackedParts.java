package io.waymark.rewriter;

import io.waymark.rewriter.internal.CharsetView;
import io.waymark.rewriter.internal.MimeWalker;
import io.waymark.rewriter.internal.TransferEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a rewritten message back: the decoded text of its text parts and the tokens in them. */
final class TrackedParts {

    static final Pattern TOKEN_URL = Pattern.compile("https?://([a-z0-9.-]+)/([co])/([A-Za-z0-9_-]+)");

    private TrackedParts() {
    }

    /** Decoded text of every text/html and text/plain part that is not an attachment. */
    static List<String> texts(byte[] message) throws Exception {
        List<String> texts = new ArrayList<>();
        MimeWalker.walk(message, (bytes, start, end, headers, type, path) -> {
            String disposition = headers.field("content-disposition");
            TransferEncoding encoding = TransferEncoding.of(headers.field("content-transfer-encoding"));
            if (type.type().equals("text") && encoding != null
                    && (disposition == null || !disposition.toLowerCase().startsWith("attachment"))) {
                texts.add(CharsetView.of(type.parameter("charset")).toText(encoding.decode(bytes, start, end)));
            }
            return null;
        });
        return texts;
    }

    /** Every tracking URL in the message's text parts: host, kind ("c" or "o"), token. */
    static List<String[]> tokens(byte[] message) throws Exception {
        List<String[]> found = new ArrayList<>();
        for (String text : texts(message)) {
            Matcher m = TOKEN_URL.matcher(text);
            while (m.find()) {
                found.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
        }
        return found;
    }
}
