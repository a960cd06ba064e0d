package io.waymark.provisioner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.common.host.Hostname;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateKeysTest {

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void csrNamesExactlyTheHostAndIsSignedByTheNewKey(KeyType type) throws Exception {
        // Given
        CertificateKeys keys = new CertificateKeys(type);
        Hostname host = Hostname.parse("email.example.com");

        // When
        KeyPair pair = keys.generate();
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(keys.csr(host, pair));

        // Then
        if (type == KeyType.RSA_2048) {
            assertThat(((RSAPublicKey) pair.getPublic()).getModulus().bitLength()).isEqualTo(2048);
        } else {
            assertThat(((ECPublicKey) pair.getPublic()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        }
        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(pair.getPublic()))).isTrue();
        Extensions extensions = Extensions.getInstance(csr.getAttributes(
                PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0].getAttrValues().getObjectAt(0));
        GeneralName[] names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName).getNames();
        assertThat(names).hasSize(1);
        assertThat(names[0].getTagNo()).isEqualTo(GeneralName.dNSName);
        assertThat(names[0].getName().toString()).isEqualTo("email.example.com");
    }
}
