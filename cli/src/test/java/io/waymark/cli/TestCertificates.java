package io.waymark.cli;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away CA and a leaf for one host, made with BouncyCastle when the test runs. */
final class TestCertificates {

    /** The chain as the provisioner stores it (leaf first) and the leaf itself. */
    record Chain(String pem, X509Certificate leaf) {
    }

    private TestCertificates() {
    }

    static Chain issue(String host, Instant notBefore, Duration lifetime) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair caKeys = generator.generateKeyPair();
        KeyPair leafKeys = generator.generateKeyPair();
        X500Name caName = new X500Name("CN=Test Issuing CA,O=Waymark Tests");

        X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(1),
                Date.from(notBefore.minus(Duration.ofDays(1))), Date.from(notBefore.plus(Duration.ofDays(3650))),
                caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        X509Certificate caCertificate = sign(ca, caKeys);

        X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caName, new BigInteger("5eed1e4f0a11", 16),
                Date.from(notBefore), Date.from(notBefore.plus(lifetime)), new X500Name("CN=" + host),
                leafKeys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
        X509Certificate leafCertificate = sign(leaf, caKeys);

        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(leafCertificate);
            writer.writeObject(caCertificate);
        }
        return new Chain(pem.toString(), leafCertificate);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }
}
