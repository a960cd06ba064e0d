package io.waymark.common.bench;

import io.waymark.common.crypto.KeyId;
import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.KeyRing;
import io.waymark.common.host.Hostname;
import io.waymark.common.seal.KeySealer;
import io.waymark.common.seal.SealException;
import io.waymark.common.seal.SealedKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Sealing and opening a PKCS#8 P-256 private key, against a raw AES/GCM {@code Cipher} doing the
 * same work on the same bytes (fresh random nonce, the host as associated data). The ratio is
 * the cost of the key ring lookup, the framing and the copies.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SealBenchmark {

    private KeySealer sealer;
    private Hostname host;
    private byte[] pkcs8;
    private SealedKey sealed;
    private SecureRandom random;
    private Cipher peerCipher;
    private SecretKey peerKey;
    private byte[] aad;
    private byte[] peerNonce;
    private byte[] peerCiphertext;
    private byte[] peerOpenNonce;

    @Setup
    public void setUp() throws Exception {
        byte[] key = new byte[32];
        random = new SecureRandom();
        random.nextBytes(key);
        sealer = new KeySealer(KeyRing.of(KeyPurpose.SEAL, KeyId.of("k1"), Map.of(KeyId.of("k1"), key)));
        host = Hostname.parse("email.acme-stores.com");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        sealed = sealer.seal(pkcs8, host);
        peerKey = new SecretKeySpec(key, "AES");
        peerCipher = Cipher.getInstance("AES/GCM/NoPadding");
        aad = host.ascii().getBytes(StandardCharsets.US_ASCII);
        peerNonce = new byte[12];
        peerCiphertext = peerSeal();
        peerOpenNonce = peerNonce.clone();
    }

    @Benchmark
    public SealedKey seal() {
        return sealer.seal(pkcs8, host);
    }

    @Benchmark
    public byte[] sealPeerCipher() throws Exception {
        return peerSeal();
    }

    @Benchmark
    public byte[] open() throws SealException {
        return sealer.open(sealed, host);
    }

    @Benchmark
    public byte[] openPeerCipher() throws Exception {
        peerCipher.init(Cipher.DECRYPT_MODE, peerKey, new GCMParameterSpec(128, peerOpenNonce));
        peerCipher.updateAAD(aad);
        return peerCipher.doFinal(peerCiphertext);
    }

    private byte[] peerSeal() throws Exception {
        random.nextBytes(peerNonce);
        peerCipher.init(Cipher.ENCRYPT_MODE, peerKey, new GCMParameterSpec(128, peerNonce));
        peerCipher.updateAAD(aad);
        return peerCipher.doFinal(pkcs8);
    }
}
