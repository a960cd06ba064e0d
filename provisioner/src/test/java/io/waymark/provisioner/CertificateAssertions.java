package io.waymark.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.common.host.Hostname;
import io.waymark.common.seal.KeySealer;
import io.waymark.common.seal.SealedKey;
import io.waymark.schemas.CertificateRecord;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Set;

/** Checks on a published certificate: it chains to the CA's root, and its sealed key is its key. */
final class CertificateAssertions {

    private CertificateAssertions() {
    }

    static List<X509Certificate> chain(CertificateRecord record) throws Exception {
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(
                        record.getCertificateChainPem().getBytes(StandardCharsets.US_ASCII))).stream()
                .map(c -> (X509Certificate) c).toList();
    }

    static void assertChainsTo(CertificateRecord record, X509Certificate root) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(chain(record)), parameters);
    }

    static void assertSealedKeyMatches(CertificateRecord record, KeySealer sealer) throws Exception {
        io.waymark.schemas.SealedKey sealed = record.getSealedKey();
        byte[] pkcs8 = sealer.open(SealedKey.fromParts(sealed.getKeyId(), bytes(sealed.getNonce()),
                bytes(sealed.getCiphertext())), Hostname.parse(record.getTrackingHost()));
        X509Certificate leaf = chain(record).get(0);
        String algorithm = leaf.getPublicKey().getAlgorithm();
        PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        String signatureAlgorithm = algorithm.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] message = "waymark".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(signatureAlgorithm);
        signer.initSign(key);
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(signatureAlgorithm);
        verifier.initVerify(leaf.getPublicKey());
        verifier.update(message);
        assertThat(verifier.verify(signature)).as("sealed key signs for the certificate's public key").isTrue();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
