package io.waymark.rewriter.internal;

import io.waymark.rewriter.RewriteException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Characters of a text part in its declared charset (RFC 2046 §4.1.2). For charsets in which
 * every byte below 0x80 is the ASCII character of that value and never part of a multi-byte
 * sequence (US-ASCII, UTF-8, ISO-8859-x, Windows-125x, KOI8...), the text is viewed one char per
 * byte: the HTML and text tokenizers only look for ASCII, rewritten values are ASCII, and every
 * other byte is copied through unchanged, valid in its charset or not. Other charsets
 * (UTF-16, ISO-2022-JP, Shift_JIS, Big5...) are decoded and encoded strictly.
 */
public final class CharsetView {

    private static final Pattern ASCII_TRANSPARENT = Pattern.compile(
            "us-ascii|utf-8|iso-8859-\\d+|windows-125\\d|koi8-[a-z]+|x-mac-[a-z]+|ibm437|ibm850|ibm852|cp125\\d");

    private final Charset charset;
    private final boolean transparent;

    private CharsetView(Charset charset, boolean transparent) {
        this.charset = charset;
        this.transparent = transparent;
    }

    /** The view for a {@code charset} parameter (absent: US-ASCII, RFC 2045 §5.2). */
    public static CharsetView of(String name) throws RewriteException {
        if (name == null || name.isBlank()) {
            return new CharsetView(StandardCharsets.US_ASCII, true);
        }
        Charset charset;
        try {
            charset = Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new RewriteException(RewriteException.Reason.CHARSET, "unsupported charset '" + printable(name) + "'");
        }
        String canonical = charset.name().toLowerCase(Locale.ROOT);
        return new CharsetView(charset, ASCII_TRANSPARENT.matcher(canonical).matches());
    }

    /** The charset itself. */
    public Charset charset() {
        return charset;
    }

    /** Whether the text is viewed byte-for-char. */
    public boolean transparent() {
        return transparent;
    }

    /** The characters the tokenizers work on. */
    public String toText(byte[] bytes) throws RewriteException {
        if (transparent) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RewriteException(RewriteException.Reason.CHARSET, "body is not valid " + charset.name());
        }
    }

    /** The bytes of rewritten text. */
    public byte[] toBytes(CharSequence text) throws RewriteException {
        if (transparent) {
            return text.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
        try {
            ByteBuffer buffer = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new RewriteException(RewriteException.Reason.CHARSET, "rewritten text is not encodable in "
                    + charset.name());
        }
    }

    /**
     * The Unicode text of a piece of the view (e.g. an attribute value): in a transparent view the
     * chars are bytes and are decoded with the real charset; US-ASCII parts with 8-bit bytes are
     * read as UTF-8, which is what their senders almost always meant. Malformed bytes become
     * U+FFFD, which makes the link untracked.
     */
    public String unicode(String piece) {
        if (!transparent) {
            return piece;
        }
        boolean ascii = true;
        for (int i = 0; i < piece.length() && ascii; i++) {
            ascii = piece.charAt(i) < 0x80;
        }
        if (ascii) {
            return piece;
        }
        Charset real = charset.equals(StandardCharsets.US_ASCII) ? StandardCharsets.UTF_8 : charset;
        return new String(piece.getBytes(StandardCharsets.ISO_8859_1), real);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
