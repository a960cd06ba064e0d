package io.waymark.edge;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A throw-away certificate authority for tests: EC P-256 root, leaf certificates per host with a
 * random serial. Nothing is written to disk unless a test asks for the PEM.
 */
public final class TestPki {

    /** A leaf: certificate, its key pair, and the PEM chain (leaf then root). */
    public record Leaf(X509Certificate certificate, KeyPair keyPair, String chainPem) {
        public String serialHex() {
            return certificate.getSerialNumber().toString(16);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final KeyPair caKeys;
    private final X509Certificate ca;

    public TestPki() throws Exception {
        caKeys = ecKeyPair();
        X500Name name = new X500Name("CN=Waymark Test Root " + RANDOM.nextInt(1_000_000));
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, RANDOM).abs(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), name, caKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ca = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    }

    public X509Certificate root() {
        return ca;
    }

    public String rootPem() throws Exception {
        return pem(ca);
    }

    /** A fresh leaf for {@code host} with a new key and a new random serial. */
    public Leaf issue(String host) throws Exception {
        KeyPair keys = ecKeyPair();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                new X500Name(ca.getSubjectX500Principal().getName()), new BigInteger(96, RANDOM).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(7))),
                new X500Name("CN=" + host), keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        return new Leaf(leaf, keys, pem(leaf) + pem(ca));
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
