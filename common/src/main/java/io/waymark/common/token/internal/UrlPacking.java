package io.waymark.common.token.internal;

import io.waymark.common.token.TokenException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Target URL field, the largest part of a click token. The scheme becomes two flag bits
 * (0 = written literally, 1 = {@code http://}, 2 = {@code https://}); the rest is UTF-8, or raw
 * deflate (RFC 1951) with a preset dictionary of common URL fragments when that is strictly
 * shorter. Inflating happens only after the tag verified and is capped, so a token cannot be a
 * decompression bomb.
 */
public final class UrlPacking {

    public static final int LITERAL = 0;
    public static final int HTTP = 1;
    public static final int HTTPS = 2;

    private static final String HTTP_PREFIX = "http://";
    private static final String HTTPS_PREFIX = "https://";
    // Below this, deflate's block overhead makes a gain unlikely; skipping saves encode time.
    private static final int MIN_DEFLATE_BYTES = 40;

    // Part of format version 1: fragments most frequent in marketing links. Deflate finds
    // matches anywhere in it, and nearer the end is cheaper, so the commonest come last.
    private static final byte[] DICTIONARY = ("/index.html/products/product/category/account/login"
            + "/unsubscribe/preferences/view/track/order/cart/blog/news/article/en/us/"
            + "?id=&id=?ref=email&ref=newsletter&lang=en&source=email&mc_cid=&mc_eid="
            + "utm_term=&utm_content=&utm_campaign=&utm_medium=email&utm_source=newsletter"
            + "?utm_source=.html.php.aspx.org/.net/.io/.co.uk/.de/.com/www.")
            .getBytes(StandardCharsets.US_ASCII);

    // zlib streams allocate native windows (hundreds of KiB at level 9) on creation; reusing one
    // per thread after reset() turns a per-token malloc into a memset. Encoder and edge threads
    // are long-lived pool threads, so the count stays small.
    private static final ThreadLocal<Deflater> DEFLATERS =
            ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_COMPRESSION, true));
    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(() -> new Inflater(true));

    private UrlPacking() {
    }

    /** Encoded URL field: scheme form, deflate flag and bytes. */
    public record Packed(int scheme, boolean deflated, byte[] bytes) {
    }

    public static Packed pack(String url) {
        int scheme = LITERAL;
        String rest = url;
        if (url.startsWith(HTTPS_PREFIX)) {
            scheme = HTTPS;
            rest = url.substring(HTTPS_PREFIX.length());
        } else if (url.startsWith(HTTP_PREFIX)) {
            scheme = HTTP;
            rest = url.substring(HTTP_PREFIX.length());
        }
        byte[] plain = rest.getBytes(StandardCharsets.UTF_8);
        if (plain.length >= MIN_DEFLATE_BYTES) {
            byte[] deflated = deflate(plain);
            if (deflated.length < plain.length) {
                return new Packed(scheme, true, deflated);
            }
        }
        return new Packed(scheme, false, plain);
    }

    public static String unpack(int scheme, boolean deflated, byte[] bytes, int maxBytes) throws TokenException {
        byte[] plain = deflated ? inflate(bytes, maxBytes) : bytes;
        String rest = StrictUtf8.decode(plain);
        switch (scheme) {
            case HTTPS:
                return HTTPS_PREFIX + rest;
            case HTTP:
                return HTTP_PREFIX + rest;
            case LITERAL:
                return rest;
            default:
                throw PayloadReader.malformed("unknown scheme form " + scheme);
        }
    }

    private static byte[] deflate(byte[] plain) {
        Deflater deflater = DEFLATERS.get();
        deflater.reset();
        try {
            deflater.setDictionary(DICTIONARY);
            deflater.setInput(plain);
            deflater.finish();
            byte[] out = new byte[plain.length + 64];
            int n = 0;
            while (!deflater.finished()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                n += deflater.deflate(out, n, out.length - n);
            }
            return Arrays.copyOf(out, n);
        } finally {
            deflater.reset();
        }
    }

    private static byte[] inflate(byte[] compressed, int maxBytes) throws TokenException {
        Inflater inflater = INFLATERS.get();
        inflater.reset();
        try {
            inflater.setDictionary(DICTIONARY);
            // zlib may read one byte past the end of a raw stream (see Inflater's javadoc).
            inflater.setInput(Arrays.copyOf(compressed, compressed.length + 1));
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 3);
            byte[] chunk = new byte[512];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw PayloadReader.malformed("truncated deflate stream");
                }
                out.write(chunk, 0, n);
                if (out.size() > maxBytes) {
                    throw PayloadReader.malformed("url inflates beyond " + maxBytes + " bytes");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw PayloadReader.malformed("invalid deflate stream");
        } finally {
            inflater.reset();
        }
    }
}
