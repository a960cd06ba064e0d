package io.waymark.embedded.internal.pebble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The HTTPS identity of a test ACME server, made fresh at start-up: a throw-away CA and a
 * certificate for {@code localhost} and {@code 127.0.0.1} signed by it (EC P-256). The Debian
 * pebble package ships no certificates, and committing keys is not an option.
 */
public final class TlsCertificates {

    private static final Duration VALIDITY = Duration.ofDays(7);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate authority;
    private final X509Certificate serverCertificate;
    private final PrivateKey serverKey;

    private TlsCertificates(X509Certificate authority, X509Certificate serverCertificate, PrivateKey serverKey) {
        this.authority = authority;
        this.serverCertificate = serverCertificate;
        this.serverKey = serverKey;
    }

    /** Generates the CA and the server certificate. */
    public static TlsCertificates generate() {
        try {
            KeyPair caKeys = ecKeyPair();
            KeyPair serverKeys = ecKeyPair();
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            Instant now = Instant.now();
            Date notBefore = Date.from(now.minus(Duration.ofHours(1)));
            Date notAfter = Date.from(now.plus(VALIDITY));

            X500Name caName = new X500Name("CN=Waymark test ACME TLS CA " + Long.toHexString(RANDOM.nextLong()));
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(), notBefore, notAfter,
                    caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate caCertificate = sign(ca, caKeys.getPrivate());

            X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caCertificate, serial(), notBefore,
                    notAfter, new X500Name("CN=localhost"), serverKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(caCertificate));
            return new TlsCertificates(caCertificate, sign(server, caKeys.getPrivate()), serverKeys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot generate the test ACME server's TLS certificates", e);
        }
    }

    public X509Certificate authority() {
        return authority;
    }

    public String authorityPem() {
        return pem("CERTIFICATE", encoded(authority));
    }

    /** Writes {@code tls-ca.pem}, {@code tls-cert.pem} and {@code tls-key.pem} (PKCS#8) into {@code dir}. */
    public void writeTo(Path dir) {
        try {
            Files.writeString(dir.resolve("tls-ca.pem"), authorityPem(), StandardCharsets.US_ASCII);
            Files.writeString(certificateFile(dir), pem("CERTIFICATE", encoded(serverCertificate)), StandardCharsets.US_ASCII);
            Files.writeString(keyFile(dir), pem("PRIVATE KEY", serverKey.getEncoded()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write TLS files to " + dir, e);
        }
    }

    public static Path certificateFile(Path dir) {
        return dir.resolve("tls-cert.pem");
    }

    public static Path keyFile(Path dir) {
        return dir.resolve("tls-key.pem");
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
