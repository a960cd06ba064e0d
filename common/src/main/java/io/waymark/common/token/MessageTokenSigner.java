package io.waymark.common.token;

import io.waymark.common.crypto.KeyId;
import io.waymark.common.host.Hostname;
import io.waymark.common.token.internal.MessageIdPacking;
import io.waymark.common.token.internal.PayloadWriter;
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
    private byte[] text = new byte[256];

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
        TrackingToken.checkUrl(url);
        return encode(0, linkIndex, codec.packUrl(url));
    }

    /**
     * Appends the token of link number {@code linkIndex} to {@code url} to {@code out}: the text
     * {@link #click} returns. Nothing is appended when it throws.
     *
     * @throws IllegalArgumentException as {@link #click}
     */
    public void appendClick(int linkIndex, String url, StringBuilder out) {
        out.append(click(linkIndex, url));
    }

    /** The token of the message's open pixel. */
    public String open() {
        return encode(TokenLayout.FLAG_OPEN, 0, null);
    }

    /** Lays out the payload, appends the tag and encodes the text. */
    private String encode(int kindFlag, int linkIndex, UrlPacking.Packed url) {
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
        mac.writeTag(keyId, key, b, p);
        int tokenBytes = p + TokenLayout.TAG_BYTES - payloadStart;
        int chars = TokenText.encodedLength(tokenBytes);
        if (chars > TrackingTokenCodec.MAX_TOKEN_LENGTH) {
            // Unreachable with TrackingToken's limits; guards a future limit change.
            throw new IllegalArgumentException("token would be " + chars + " characters");
        }
        if (chars > text.length) {
            text = new byte[Math.max(chars, 2 * text.length)];
        }
        // java.util.Base64's encoder is a vectorized intrinsic (several times the scalar loop's
        // speed) but encodes whole arrays only: one copy of the token's bytes; base64url is ASCII,
        // so the String is one more copy
        int length = TokenText.encodeTo(Arrays.copyOfRange(b, payloadStart, p + TokenLayout.TAG_BYTES), text);
        return new String(text, 0, length, StandardCharsets.ISO_8859_1);
    }
}
