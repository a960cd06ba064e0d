package io.waymark.common.token;

import io.waymark.common.crypto.KeyId;
import io.waymark.common.host.Hostname;
import io.waymark.common.token.internal.MessageIdPacking;
import io.waymark.common.token.internal.PayloadWriter;
import io.waymark.common.token.internal.PrecomputedHmac;
import io.waymark.common.token.internal.TokenLayout;
import io.waymark.common.token.internal.TokenMac;
import io.waymark.common.token.internal.TokenText;
import io.waymark.common.token.internal.UrlPacking;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * Signs the tokens of one message on one tracking host. A marketing message carries a hundred
 * links that share everything but the link index and the URL, so the shared fields (key id,
 * packed message id, recipient digest, sending domain) are checked and packed once, here, and
 * each link only packs its URL (from the codec's cache), computes the tag and encodes the text.
 * Made by {@link TrackingTokenCodec#forMessage}; the tokens are byte for byte those of
 * {@link TrackingTokenCodec#encode}. Not thread-safe: one per message being rewritten.
 */
public final class MessageTokenSigner {

    private final TrackingTokenCodec codec;
    private final TokenMac mac;
    private final KeyId keyId;
    private final SecretKey key;
    private final int messageIdForm;
    // What the tag covers, laid out once: host length, host, then the payload (version, flags,
    // key id, message id, recipient, sending domain, ...). Each token rewrites only the bytes
    // after the shared fields, and the tag goes right after the payload.
    private byte[] buffer;
    private final int payloadStart;
    private final int sharedEnd;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    // The per-thread state of the thread that signed last: a message is signed on one thread, so
    // the thread-local lookups run once per message instead of per link. Another thread (the
    // signer is not for concurrent use, but may move between threads) fetches its own.
    private Thread owner;
    private Scratch ownerScratch;
    private PrecomputedHmac ownerMac;
    private byte[] ownerTag;

    MessageTokenSigner(TrackingTokenCodec codec, TokenMac mac, KeyId keyId, SecretKey key, String messageId,
                       RecipientDigest recipient, Hostname sendingDomain, Hostname trackingHost) {
        // The record's constructor holds the rules for the shared fields; check them once.
        TrackingToken.open(messageId, recipient, sendingDomain);
        this.codec = codec;
        this.mac = mac;
        this.keyId = keyId;
        this.key = key;
        this.messageIdForm = MessageIdPacking.formOf(messageId);
        byte[] host = trackingHost.ascii().getBytes(StandardCharsets.US_ASCII);
        PayloadWriter fields = new PayloadWriter(256);
        fields.writeByte(host.length);
        fields.writeBytes(host);
        this.payloadStart = fields.length();
        fields.writeByte(TokenLayout.VERSION);
        fields.writeByte(0); // flags, per token
        fields.writeLengthPrefixed(keyId.value().getBytes(StandardCharsets.US_ASCII));
        MessageIdPacking.write(fields, messageId, messageIdForm);
        fields.writeBytes(recipient.bytesUnsafe());
        TrackingTokenCodec.writeDomain(fields, sendingDomain, trackingHost);
        this.sharedEnd = fields.length();
        this.buffer = Arrays.copyOf(fields.array(), sharedEnd + 3 + 128 + TokenLayout.TAG_BYTES);
    }

    /**
     * The token of link number {@code linkIndex} to {@code url}.
     *
     * @throws IllegalArgumentException when a token may not carry {@code url} (not absolute
     *                                  http(s), whitespace or control characters, too long) or
     *                                  the index is out of range
     */
    public String click(int linkIndex, String url) {
        TrackingToken.checkLinkIndex(linkIndex);
        UrlPacking.Packed packed = codec.packUrl(url); // checks the URL unless it passed before
        Scratch s = scratch();
        int length = encode(0, linkIndex, packed, s);
        return new String(s.text, 0, length, StandardCharsets.ISO_8859_1);
    }

    /**
     * Appends the token of link number {@code linkIndex} to {@code url} to {@code out}: the text
     * {@link #click} returns. Nothing is appended when it throws.
     *
     * @throws IllegalArgumentException as {@link #click}
     */
    public void appendClick(int linkIndex, String url, StringBuilder out) {
        TrackingToken.checkLinkIndex(linkIndex);
        UrlPacking.Packed packed = codec.packUrl(url); // checks the URL unless it passed before
        Scratch s = scratch();
        int length = encode(0, linkIndex, packed, s);
        // a String of the ASCII text is one allocation and two array copies; appending it as
        // chars (no allocation) measured slower: StringBuilder appends a char[] one char at a time
        out.append(new String(s.text, 0, length, StandardCharsets.ISO_8859_1));
    }

    /** The token of the message's open pixel. */
    public String open() {
        Scratch s = scratch();
        int length = encode(TokenLayout.FLAG_OPEN, 0, null, s);
        return new String(s.text, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** This thread's buffers, and its HMAC for the key in {@link #ownerMac}. */
    private Scratch scratch() {
        Thread current = Thread.currentThread();
        if (current != owner) {
            ownerScratch = SCRATCH.get();
            ownerMac = mac.threadMac(keyId, key);
            ownerTag = mac.threadScratch();
            owner = current;
        }
        return ownerScratch;
    }

    /** Lays out the payload, appends the tag and encodes the text to {@code s.text}; returns its length. */
    private int encode(int kindFlag, int linkIndex, UrlPacking.Packed url, Scratch s) {
        int flags = kindFlag | messageIdForm << TokenLayout.MESSAGE_ID_SHIFT;
        byte[] urlBytes = null;
        if (url != null) {
            flags |= url.scheme() << TokenLayout.SCHEME_SHIFT | (url.deflated() ? TokenLayout.FLAG_DEFLATED : 0);
            urlBytes = url.bytes();
        }
        int needed = sharedEnd + 3 + (urlBytes == null ? 0 : urlBytes.length) + TokenLayout.TAG_BYTES;
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, needed);
        }
        byte[] b = buffer;
        b[payloadStart + 1] = (byte) flags;
        int p = sharedEnd;
        int v = linkIndex; // unsigned LEB128, as PayloadWriter.writeVarint
        while (v >= 0x80) {
            b[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        if (urlBytes != null) {
            System.arraycopy(urlBytes, 0, b, p, urlBytes.length);
            p += urlBytes.length;
        }
        TokenMac.writeTag(ownerMac, ownerTag, b, p); // scratch() ran first, on this thread
        int tokenBytes = p + TokenLayout.TAG_BYTES - payloadStart;
        int chars = TokenText.encodedLength(tokenBytes);
        if (chars > TrackingTokenCodec.MAX_TOKEN_LENGTH) {
            // Unreachable with TrackingToken's limits; guards a future limit change.
            throw new IllegalArgumentException("token would be " + chars + " characters");
        }
        byte[] text = s.text;
        if (chars > text.length) {
            text = s.text = new byte[Math.max(chars, 2 * text.length)];
        }
        // java.util.Base64's encoder is a vectorized intrinsic (several times the scalar loop's
        // speed) but encodes whole arrays only: the token's bytes are copied to a per-thread
        // array of exactly their length
        return TokenText.encodeTo(s.exact(b, payloadStart, tokenBytes), text);
    }

    /** Per-thread buffers of {@link #encode}: nothing of one token survives into the next. */
    private static final class Scratch {
        // token bytes by length, so the encoder gets a whole array without a fresh copy; lengths
        // up to a bound only (at most ~32 KB a thread), longer tokens get a fresh copy
        private final byte[][] exact = new byte[256][];
        byte[] text = new byte[256];

        /** {@code from[offset, offset + length)} in an array of exactly {@code length} bytes. */
        byte[] exact(byte[] from, int offset, int length) {
            if (length >= exact.length) {
                return Arrays.copyOfRange(from, offset, offset + length);
            }
            byte[] to = exact[length];
            if (to == null) {
                to = exact[length] = new byte[length];
            }
            System.arraycopy(from, offset, to, 0, length);
            return to;
        }
    }
}
