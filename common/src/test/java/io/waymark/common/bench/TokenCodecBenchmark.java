package io.waymark.common.bench;

import io.waymark.common.crypto.KeyId;
import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.KeyRing;
import io.waymark.common.host.Hostname;
import io.waymark.common.token.MessageTokenSigner;
import io.waymark.common.token.RecipientDigest;
import io.waymark.common.token.TokenException;
import io.waymark.common.token.TrackingToken;
import io.waymark.common.token.TrackingTokenCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Token encode and verify for the README's realistic click (UUID message id, 100-character URL),
 * against a raw HMAC-SHA256 over the same payload and host bytes: the peer is the floor any
 * signed-link scheme pays, so the ratio is the cost of the encoding itself. Encode runs twice:
 * with one URL for every token (a campaign: the codec's packed-URL cache hits) and with a new
 * 100-character URL for every token (cycling through eight times the URLs the cache holds:
 * nearly every call packs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenCodecBenchmark {

    private static final String URL =
            "https://www.acme-stores.com/collections/winter-sale/products/merino-sweater?variant=4471&ref=nl12345";

    // Eight times the URLs the codec caches: at most one call in eight can hit.
    private static final int UNIQUE_URLS = 1 << 16;

    private TrackingTokenCodec codec;
    private TrackingToken token;
    private MessageTokenSigner signer;
    private TrackingToken[] uniqueUrlTokens;
    private int next;
    private Hostname host;
    private String text;
    private Mac peerMac;
    private byte[] hostBytes;
    private byte[] payload;
    private byte[] tag;

    @Setup
    public void setUp() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        codec = new TrackingTokenCodec(KeyRing.of(KeyPurpose.TOKEN, KeyId.of("k1"), Map.of(KeyId.of("k1"), key)));
        host = Hostname.parse("email.acme-stores.com");
        token = TrackingToken.click("0f8e1c2a-5b7d-4e3f-9a61-2c4d8b7e1f05",
                RecipientDigest.of("jane.doe.1987@example.org"), Hostname.parse("acme-stores.com"), 12, URL);
        text = codec.encode(token, host);
        signer = codec.forMessage(token.messageId(), token.recipient(), token.sendingDomain(), host);
        uniqueUrlTokens = new TrackingToken[UNIQUE_URLS];
        for (int i = 0; i < UNIQUE_URLS; i++) {
            // Same length as URL: "nl12345" becomes "nl" + five digits.
            String url = URL.substring(0, URL.length() - 5) + String.format("%05d", i);
            uniqueUrlTokens[i] = TrackingToken.click(token.messageId(), token.recipient(), token.sendingDomain(),
                    token.linkIndex(), url);
        }
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        payload = Arrays.copyOf(bytes, bytes.length - 16);
        tag = Arrays.copyOfRange(bytes, bytes.length - 16, bytes.length);
        hostBytes = host.ascii().getBytes(StandardCharsets.US_ASCII);
        peerMac = Mac.getInstance("HmacSHA256");
        peerMac.init(new SecretKeySpec(key, "HmacSHA256"));
    }

    @Benchmark
    public String tokenEncodeRepeatedUrl() {
        return codec.encode(token, host);
    }

    /** The rewriter's path: one signer per message, one call per link. */
    @Benchmark
    public String tokenSignMessageLink() {
        return signer.click(12, URL);
    }

    @Benchmark
    public String tokenEncodeUniqueUrl() {
        TrackingToken t = uniqueUrlTokens[next];
        next = (next + 1) & (UNIQUE_URLS - 1);
        return codec.encode(t, host);
    }

    @Benchmark
    public byte[] tokenEncodePeerHmac() {
        peerMac.update(hostBytes);
        return peerMac.doFinal(payload);
    }

    @Benchmark
    public TrackingToken tokenVerify() throws TokenException {
        return codec.decode(text, host);
    }

    @Benchmark
    public boolean tokenVerifyPeerHmac() {
        peerMac.update(hostBytes);
        return MessageDigest.isEqual(Arrays.copyOf(peerMac.doFinal(payload), 16), tag);
    }
}
