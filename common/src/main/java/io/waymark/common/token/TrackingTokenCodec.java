package io.waymark.common.token;

import io.waymark.common.crypto.KeyId;
import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.KeyRing;
import io.waymark.common.host.Hostname;
import io.waymark.common.host.InvalidHostnameException;
import io.waymark.common.token.TokenException.Reason;
import io.waymark.common.token.internal.MessageIdPacking;
import io.waymark.common.token.internal.PackedUrlCache;
import io.waymark.common.token.internal.PayloadReader;
import io.waymark.common.token.internal.PayloadWriter;
import io.waymark.common.token.internal.TokenLayout;
import io.waymark.common.token.internal.TokenMac;
import io.waymark.common.token.internal.TokenText;
import io.waymark.common.token.internal.UrlPacking;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.crypto.SecretKey;

/**
 * Encodes and verifies tracking tokens for one tracking host at a time. The rewriter signs with
 * the ring's current key; the edge verifies with any configured key and the host the request
 * arrived on (Host and SNI), so a token copied to another customer's host does not verify.
 * Thread-safe. Format version 1, base64url without padding of:
 *
 * <pre>
 *   version      1 byte  (1)
 *   flags        1 byte  bit0 OPEN, bits1-2 message id form, bits3-4 URL scheme form,
 *                        bit5 URL deflated, bits6-7 zero
 *   key id       1 byte length + ASCII (1..16)
 *   message id   16 bytes (UUID) | varint length + bytes (hex packed, or UTF-8)
 *   recipient    12 bytes RecipientDigest
 *   domain       varint d: d = 0 literal (varint length + ASCII) follows;
 *                d &gt; 0 the sending domain is the tracking host without its first d-1 labels
 *   link index   varint (0..65535)
 *   url          the rest up to the tag (scheme stripped, maybe deflated); empty for OPEN
 *   tag          16 bytes HMAC-SHA256(key, host length || host || all bytes above)
 * </pre>
 */
public final class TrackingTokenCodec {

    /** Longest token text accepted; checked before any decoding. Version 1 never exceeds it. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    // UTF-8 of a URL of MAX_URL_BYTES, the cap on what a deflated URL may inflate to.
    private static final int MAX_URL_FIELD_BYTES = TrackingToken.MAX_URL_BYTES;

    // A campaign repeats its ~100 URLs for every recipient, so packed URLs are kept. 8 192 holds
    // the links of dozens of campaigns in flight; with URLs of at most 512 characters the memo
    // stays near 10 MiB even when filled with the longest ASCII URLs.
    private static final int CACHED_URLS = 8192;
    private static final int MAX_CACHED_URL_CHARS = 512;

    private final KeyRing ring;
    private final TokenMac mac = new TokenMac();
    // Eviction runs on the calling thread: it is cheap, and a codec then starts no work elsewhere.
    // Only URLs a token may carry are packed and kept, so a hit needs no second check.
    private final PackedUrlCache urls = new PackedUrlCache(CACHED_URLS, MAX_CACHED_URL_CHARS, Runnable::run,
            TrackingTokenCodec::checkAndPack);

    /** A codec over {@code ring}, which must be a {@link KeyPurpose#TOKEN} ring. */
    public TrackingTokenCodec(KeyRing ring) {
        this.ring = Objects.requireNonNull(ring, "ring");
        if (ring.purpose() != KeyPurpose.TOKEN) {
            throw new IllegalArgumentException("a TrackingTokenCodec needs a TOKEN key ring, not " + ring.purpose());
        }
    }

    /** Signs {@code token} for links on {@code trackingHost} with the current key. */
    public String encode(TrackingToken token, Hostname trackingHost) {
        Objects.requireNonNull(token, "token");
        MessageTokenSigner signer = forMessage(token.messageId(), token.recipient(), token.sendingDomain(), trackingHost);
        return token.kind() == TokenKind.OPEN ? signer.open() : signer.click(token.linkIndex(), token.url());
    }

    /**
     * A signer for the links of one message on {@code trackingHost}, with the current key: the
     * fields the message's tokens share are checked and packed once (the rewriter's path).
     *
     * @throws IllegalArgumentException when the message id is empty or longer than
     *                                  {@link TrackingToken#MAX_MESSAGE_ID_BYTES}
     */
    public MessageTokenSigner forMessage(String messageId, RecipientDigest recipient, Hostname sendingDomain,
                                        Hostname trackingHost) {
        Objects.requireNonNull(trackingHost, "trackingHost");
        return new MessageTokenSigner(this, mac, ring.currentId(), ring.currentKey(), messageId, recipient,
                sendingDomain, trackingHost);
    }

    /**
     * The packed form of {@code url}, from the memo of recently packed URLs. Only URLs that pass
     * {@link TrackingToken#checkUrl} are packed or kept, so a hit is a URL that passed before: the
     * signer's hot path scans each URL once (to hash it), not twice.
     *
     * @throws IllegalArgumentException when a token may not carry {@code url}, as {@link TrackingToken#checkUrl}
     */
    UrlPacking.Packed packUrl(String url) {
        return urls.pack(url);
    }

    private static UrlPacking.Packed checkAndPack(String url) {
        TrackingToken.checkUrl(url);
        return UrlPacking.pack(url);
    }

    /**
     * Verifies {@code text} for a request on {@code trackingHost} and returns what it says.
     *
     * @throws TokenException with the reason; no unverified field is ever returned
     */
    public TrackingToken decode(CharSequence text, Hostname trackingHost) throws TokenException {
        Objects.requireNonNull(trackingHost, "trackingHost");
        Unsealed token = unseal(text);
        SecretKey key = ring.find(token.keyId()).orElseThrow(
                () -> new TokenException(Reason.UNKNOWN_KEY_ID, "key id " + token.keyId() + " is not configured"));
        if (!mac.verify(token.keyId(), key, trackingHost, token.bytes(), token.signedLength())) {
            throw new TokenException(Reason.BAD_SIGNATURE, "tag does not verify for host " + trackingHost);
        }
        return readFields(token.fields(), token.flags(), trackingHost);
    }

    /**
     * Reads {@code text}'s fields <em>without</em> checking its tag or whether its key is
     * configured: for support tools that must explain a token that does not verify (wrong key
     * file, other host, tampered). Nothing that serves a redirect or records an event may call
     * this; use {@link #decode}.
     *
     * @throws TokenException when the text is not even a well-formed version 1 token
     */
    public static TrackingToken readUnverified(CharSequence text, Hostname trackingHost) throws TokenException {
        Objects.requireNonNull(trackingHost, "trackingHost");
        Unsealed token = unseal(text);
        return readFields(token.fields(), token.flags(), trackingHost);
    }

    /** A token's bytes with its clear header read; {@code fields} is positioned after the key id. */
    private record Unsealed(byte[] bytes, int signedLength, int flags, KeyId keyId, PayloadReader fields) {
    }

    private static Unsealed unseal(CharSequence text) throws TokenException {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_TOKEN_LENGTH) {
            throw new TokenException(Reason.TOO_LONG, text.length() + " characters");
        }
        byte[] bytes = TokenText.decode(text);
        if (bytes.length < TokenLayout.MIN_BYTES) {
            throw new TokenException(Reason.MALFORMED, "truncated");
        }
        if (bytes[0] != TokenLayout.VERSION) {
            throw new TokenException(Reason.UNSUPPORTED_VERSION, "version " + (bytes[0] & 0xff));
        }
        int signedLength = bytes.length - TokenLayout.TAG_BYTES;
        PayloadReader in = new PayloadReader(bytes, 1, signedLength);
        int flags = in.readByte();
        if ((flags & TokenLayout.RESERVED_MASK) != 0) {
            throw new TokenException(Reason.MALFORMED, "reserved flags set");
        }
        return new Unsealed(bytes, signedLength, flags, readKeyId(in), in);
    }

    private static TrackingToken readFields(PayloadReader in, int flags, Hostname host) throws TokenException {
        int idForm = (flags >>> TokenLayout.MESSAGE_ID_SHIFT) & TokenLayout.MESSAGE_ID_MASK;
        String messageId = MessageIdPacking.read(in, idForm, TrackingToken.MAX_MESSAGE_ID_BYTES);
        RecipientDigest recipient = RecipientDigest.fromBytes(in.readBytes(RecipientDigest.BYTES));
        Hostname domain = readDomain(in, host);
        int linkIndex = in.readVarint(TrackingToken.MAX_LINK_INDEX);
        int scheme = (flags >>> TokenLayout.SCHEME_SHIFT) & TokenLayout.SCHEME_MASK;
        boolean deflated = (flags & TokenLayout.FLAG_DEFLATED) != 0;
        String url = UrlPacking.unpack(scheme, deflated, in.readRest(), MAX_URL_FIELD_BYTES);
        TokenKind kind = (flags & TokenLayout.FLAG_OPEN) != 0 ? TokenKind.OPEN : TokenKind.CLICK;
        try {
            return new TrackingToken(kind, messageId, recipient, domain, linkIndex, url);
        } catch (IllegalArgumentException e) {
            // Only a signer with different rules (or a leaked key) produces this.
            throw new TokenException(Reason.MALFORMED, "signed fields are invalid: " + e.getMessage());
        }
    }

    static void writeDomain(PayloadWriter out, Hostname domain, Hostname host) {
        // Tracking hosts are nearly always a subdomain of the sending domain
        // (email.example.com for example.com): then one byte says how many labels to drop.
        if (domain.equals(host) || host.isSubdomainOf(domain)) {
            out.writeVarint(host.labelCount() - domain.labelCount() + 1);
        } else {
            out.writeVarint(TokenLayout.DOMAIN_LITERAL);
            out.writeLengthPrefixed(domain.ascii().getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static Hostname readDomain(PayloadReader in, Hostname host) throws TokenException {
        int d = in.readVarint(Hostname.MAX_LENGTH);
        try {
            if (d == TokenLayout.DOMAIN_LITERAL) {
                byte[] ascii = in.readBytes(in.readVarint(Hostname.MAX_LENGTH));
                String name = new String(ascii, StandardCharsets.US_ASCII);
                Hostname domain = Hostname.parse(name);
                if (!domain.ascii().equals(name)) {
                    throw new TokenException(Reason.MALFORMED, "non-canonical sending domain");
                }
                return domain;
            }
            // d - 1 labels dropped from the (verified) tracking host: no second parse per click
            int drop = d - 1;
            int labels = host.labelCount();
            if (drop >= labels) {
                throw new TokenException(Reason.MALFORMED, "sending domain drops too many labels");
            }
            if (drop == labels - 1) {
                throw new TokenException(Reason.MALFORMED, "invalid sending domain (SINGLE_LABEL)");
            }
            return host.withoutLeadingLabels(drop);
        } catch (InvalidHostnameException e) {
            throw new TokenException(Reason.MALFORMED, "invalid sending domain (" + e.reason() + ")");
        }
    }

    private static KeyId readKeyId(PayloadReader in) throws TokenException {
        int length = in.readByte();
        if (length < 1 || length > KeyId.MAX_LENGTH) {
            throw new TokenException(Reason.MALFORMED, "key id length " + length);
        }
        String id = new String(in.readBytes(length), StandardCharsets.US_ASCII);
        if (!KeyId.isValid(id)) {
            throw new TokenException(Reason.MALFORMED, "invalid key id");
        }
        return KeyId.of(id);
    }

    /** Which keys this codec holds (ids only). */
    @Override
    public String toString() {
        return "TrackingTokenCodec[" + ring + "]";
    }
}
