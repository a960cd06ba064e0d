package io.waymark.embedded.internal.pebble;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsCertificatesTest {

    @Test
    void serverCertificateNamesLoopbackAndIsSignedByTheGeneratedAuthority(@TempDir Path dir) throws Exception {
        // Given
        TlsCertificates tls = TlsCertificates.generate();

        // When
        tls.writeTo(dir);
        X509Certificate server = TrustMaterial.parsePem(Files.readString(TlsCertificates.certificateFile(dir))).get(0);

        // Then
        server.verify(tls.authority().getPublicKey());
        List<Object> names = server.getSubjectAlternativeNames().stream().map(name -> name.get(1))
                .collect(Collectors.toList());
        assertThat(names).containsExactlyInAnyOrder("localhost", "127.0.0.1");
        assertThat(tls.authority().getBasicConstraints()).isZero();
        try (org.bouncycastle.openssl.PEMParser pem = new org.bouncycastle.openssl.PEMParser(
                Files.newBufferedReader(TlsCertificates.keyFile(dir)))) {
            assertThat(pem.readObject()).isInstanceOf(org.bouncycastle.asn1.pkcs.PrivateKeyInfo.class);
        }
        assertThat(TrustMaterial.parsePem(tls.authorityPem())).containsExactly(tls.authority());
        assertThat(TrustMaterial.trustStore(tls.authority()).size()).isEqualTo(1);
    }
}
