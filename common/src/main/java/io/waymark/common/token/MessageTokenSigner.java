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
    private final byte[] host;
    private final int messageIdForm;
    // key id, message id, recipient and sending domain, as they follow the flags byte
    private final byte[] shared;

    MessageTokenSigner(TrackingTokenCodec codec, TokenMac mac, KeyId keyId, SecretKey key, String messageId,
                       RecipientDigest recipient, Hostname sendingDomain, Hostname trackingHost) {
        // The record's constructor holds the rules for the shared fields; check them once.
        TrackingToken.open(messageId, recipient, sendingDomain);
        this.codec = codec;
        this.mac = mac;
        this.keyId = keyId;
        this.key = key;
        this.host = trackingHost.ascii().getBytes(StandardCharsets.US_ASCII);
        this.messageIdForm = MessageIdPacking.formOf(messageId);
        PayloadWriter fields = new PayloadWriter(64);
        fields.writeLengthPrefixed(keyId.value().getBytes(StandardCharsets.US_ASCII));
        MessageIdPacking.write(fields, messageId, messageIdForm);
        fields.writeBytes(recipient.bytesUnsafe());
        TrackingTokenCodec.writeDomain(fields, sendingDomain, trackingHost);
        this.shared = Arrays.copyOf(fields.array(), fields.length());
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
        return sign(0, linkIndex, codec.packUrl(url));
    }

    /** The token of the message's open pixel. */
    public String open() {
        return sign(TokenLayout.FLAG_OPEN, 0, null);
    }

    private String sign(int kindFlag, int linkIndex, UrlPacking.Packed url) {
        int urlBytes = url == null ? 0 : url.bytes().length;
        int flags = kindFlag | messageIdForm << TokenLayout.MESSAGE_ID_SHIFT;
        if (url != null) {
            flags |= url.scheme() << TokenLayout.SCHEME_SHIFT | (url.deflated() ? TokenLayout.FLAG_DEFLATED : 0);
        }
        int indexBytes = linkIndex < 0x80 ? 1 : linkIndex < 0x4000 ? 2 : 3;
        // exact size: the text is encoded from the whole array without a copy
        PayloadWriter writer = new PayloadWriter(2 + shared.length + indexBytes + urlBytes + TokenLayout.TAG_BYTES);
        writer.writeByte(TokenLayout.VERSION);
        writer.writeByte(flags);
        writer.writeBytes(shared);
        writer.writeVarint(linkIndex);
        if (url != null) {
            writer.writeBytes(url.bytes());
        }
        mac.appendTag(keyId, key, host, writer);
        String text = TokenText.encode(writer.array(), writer.length());
        if (text.length() > TrackingTokenCodec.MAX_TOKEN_LENGTH) {
            // Unreachable with TrackingToken's limits; guards a future limit change.
            throw new IllegalArgumentException("token would be " + text.length() + " characters");
        }
        return text;
    }
}
