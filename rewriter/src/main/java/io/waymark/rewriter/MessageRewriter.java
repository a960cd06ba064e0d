package io.waymark.rewriter;

import io.waymark.rewriter.internal.CharsetView;
import io.waymark.rewriter.internal.ContentType;
import io.waymark.rewriter.internal.HeaderBlock;
import io.waymark.rewriter.internal.HtmlRewriter;
import io.waymark.rewriter.internal.LinkPolicy;
import io.waymark.rewriter.internal.MimeWalker;
import io.waymark.rewriter.internal.PlainTextRewriter;
import io.waymark.rewriter.internal.RewriteSession;
import io.waymark.rewriter.internal.TransferEncoding;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Rewrites one raw RFC 5322 message: the links of its text/html parts (and of its text/plain
 * parts when asked) point at the tracking host, and an open pixel goes before {@code </body>}.
 * Parts are found at any depth of multipart/*; each rewritten body is decoded from and
 * re-encoded to its Content-Transfer-Encoding in its declared charset; every byte outside a
 * rewritten body is the input's. Stateless and thread-safe; the Kafka Streams processor and the
 * {@code ./waymark rewrite} command both use it, so a preview is exactly what the app sends.
 *
 * <p>Attachments ({@code Content-Disposition: attachment}), message/rfc822 parts and parts in an
 * unknown transfer encoding are left alone. A message that cannot be walked (a multipart
 * without boundary, a charset the JVM lacks, bytes invalid in a non-ASCII-compatible charset)
 * raises {@link RewriteException}; the caller then sends it unchanged.
 */
public final class MessageRewriter {

    /** The attribute that opts a link out: {@code data-waymark="off"} (or {@code "unsubscribe"}). */
    public static final String DEFAULT_OPT_OUT_ATTRIBUTE = "data-waymark";
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z][a-z0-9_:.-]{0,63}");

    private final String optOutAttribute;

    /** @param optOutAttribute attribute name that opts a link out, matched in any case */
    public MessageRewriter(String optOutAttribute) {
        String name = Objects.requireNonNull(optOutAttribute, "optOutAttribute").toLowerCase(Locale.ROOT);
        if (!ATTRIBUTE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("opt-out attribute '" + optOutAttribute + "' is not an attribute name");
        }
        this.optOutAttribute = name;
    }

    /** A rewriter with {@link #DEFAULT_OPT_OUT_ATTRIBUTE}. */
    public MessageRewriter() {
        this(DEFAULT_OPT_OUT_ATTRIBUTE);
    }

    /**
     * Rewrites {@code raw} with {@code signer} making the tracking URLs.
     *
     * @throws RewriteException when the message cannot be rewritten safely; send it unchanged
     */
    public RewriteResult rewrite(byte[] raw, MessageOptions options, LinkSigner signer) throws RewriteException {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(signer, "signer");
        if (options.nothingToDo()) {
            return new RewriteResult(raw, 0, 0, 0, 0);
        }
        HeaderBlock top = MimeWalker.headers(raw);
        LinkPolicy policy = new LinkPolicy(LinkPolicy.unsubscribeUrls(top.field("list-unsubscribe")));
        RewriteSession session = new RewriteSession(options, signer, policy, optOutAttribute);
        int[] parts = {0};
        try {
            byte[] out = MimeWalker.walk(raw, (bytes, start, end, headers, type, path) -> {
                byte[] body = leaf(session, bytes, start, end, headers, type, path);
                if (body != null) {
                    parts[0]++;
                }
                return body;
            });
            return new RewriteResult(out, session.tracked(), session.untracked(), session.pixels(), parts[0]);
        } catch (RuntimeException e) {
            // a bug must not lose the message: the caller sends it unchanged and dead-letters this
            throw new RewriteException(RewriteException.Reason.INTERNAL, e.getClass().getName(), e);
        }
    }

    private static byte[] leaf(RewriteSession session, byte[] bytes, int start, int end, HeaderBlock headers,
                               ContentType type, String path) throws RewriteException {
        MessageOptions options = session.options();
        boolean html = type.is("text", "html");
        boolean text = type.is("text", "plain") && options.rewriteText() && options.trackClicks();
        if (!html && !text) {
            return null;
        }
        String disposition = headers.field("content-disposition");
        if (disposition != null && disposition.toLowerCase(Locale.ROOT).startsWith("attachment")) {
            return null;
        }
        TransferEncoding encoding = TransferEncoding.of(headers.field("content-transfer-encoding"));
        if (encoding == null) {
            return null; // an encoding we cannot re-create: leave the part exactly as it is
        }
        // the line breaks ending the body stay byte-identical, whatever the encoding
        int contentEnd = end;
        while (contentEnd > start && (bytes[contentEnd - 1] == '\n' || bytes[contentEnd - 1] == '\r')) {
            contentEnd--;
        }
        CharsetView charset;
        try {
            charset = CharsetView.of(type.parameter("charset"));
        } catch (RewriteException e) {
            throw new RewriteException(e.reason(), e.getMessage() + " in part " + label(path));
        }
        String input = charset.toText(encoding.decode(bytes, start, contentEnd));
        String lineEnding = headers.lineEnding();
        String output = html
                ? new HtmlRewriter(session, charset, encoding.lineLimited() ? lineEnding : null).rewrite(input)
                : new PlainTextRewriter(session, charset, encoding.lineLimited()).rewrite(input);
        if (output == null) {
            return null;
        }
        int maxLine = encoding.lineLimited() ? TransferEncoding.longestLine(bytes, start, contentEnd) : 0;
        byte[] encoded = encoding.encode(charset.toBytes(output), lineEnding, maxLine);
        byte[] body = new byte[encoded.length + (end - contentEnd)];
        System.arraycopy(encoded, 0, body, 0, encoded.length);
        System.arraycopy(bytes, contentEnd, body, encoded.length, end - contentEnd);
        return body;
    }

    private static String label(String path) {
        return path.isEmpty() ? "(message)" : path;
    }
}
