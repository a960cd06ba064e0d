package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.common.host.Hostname;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Makes a certificate's key pair (fresh for every order, never reused across certificates) and
 * the CSR the CA finalizes with (RFC 8555 §7.4: a PKCS#10 request naming exactly the order's
 * identifiers in its subjectAltName).
 */
final class CertificateKeys {

    private final KeyType type;
    private final SecureRandom random = new SecureRandom();

    CertificateKeys(KeyType type) {
        this.type = requireNonNull(type, "type");
    }

    KeyType type() {
        return type;
    }

    KeyPair generate() {
        try {
            if (type == KeyType.RSA_2048) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, random);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot generate " + type.algorithm() + " keys", e);
        }
    }

    /** A DER-encoded CSR for {@code host}, signed with {@code keys}. */
    byte[] csr(Hostname host, KeyPair keys) {
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, host.ascii())));
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                    new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, host.ascii()).build(), keys.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder(type == KeyType.RSA_2048 ? "SHA256withRSA" : "SHA256withECDSA")
                            .build(keys.getPrivate()));
            return request.getEncoded();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a CSR with a " + type.algorithm() + " key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a CSR", e);
        }
    }
}
