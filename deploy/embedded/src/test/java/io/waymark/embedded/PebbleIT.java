package io.waymark.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.Security;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

@ExtendWith(PebbleExtension.class)
class PebbleIT {

    private static final String DOMAIN = "email.example.com";

    @BeforeAll
    static void bouncyCastle() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    @Test
    void certificateIsIssuedAfterRealHttp01Validation(AcmeServer acme) throws Exception {
        // Given an account and an HTTP-01 responder on the port Pebble validates against
        Session session = TrustingAcmeProvider.session(acme);
        Account account = new AccountBuilder().agreeToTermsOfService()
                .useKeyPair(KeyPairUtils.createECKeyPair("secp256r1")).create(session);
        try (Http01Responder responder = new Http01Responder(acme.http01Port())) {
            Order order = account.newOrder().domains(DOMAIN).create();

            // When every authorization's challenge is answered and triggered
            for (Authorization authorization : order.getAuthorizations()) {
                Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow();
                responder.serve(challenge.getToken(), challenge.getAuthorization());
                challenge.trigger();
                assertThat(AcmePolling.awaitFinal(authorization, authorization::getStatus, Set.of(Status.VALID)))
                        .isEqualTo(Status.VALID);
            }
            KeyPair domainKey = KeyPairUtils.createECKeyPair("secp256r1");
            assertThat(AcmePolling.awaitFinal(order, order::getStatus, Set.of(Status.READY))).isEqualTo(Status.READY);
            order.execute(domainKey);
            assertThat(AcmePolling.awaitFinal(order, order::getStatus, Set.of(Status.VALID))).isEqualTo(Status.VALID);

            // Then Pebble really asked our responder, for our name
            assertThat(responder.hostsAsked()).isNotEmpty().allMatch(host -> host.startsWith(DOMAIN));
            List<X509Certificate> chain = order.getCertificate().getCertificateChain();
            X509Certificate leaf = chain.get(0);
            List<Object> names = leaf.getSubjectAlternativeNames().stream().map(name -> name.get(1))
                    .collect(Collectors.toList());
            assertThat(names).contains(DOMAIN);
            assertThat(leaf.getPublicKey()).isEqualTo(domainKey.getPublic());
            assertChainsTo(chain, acme.issuingRoots().get(0));
        }
    }

    @Test
    void issuingRootIsSelfSignedAndSignsTheIntermediate(AcmeServer acme) throws Exception {
        // Given / When
        X509Certificate root = acme.issuingRoots().get(0);
        X509Certificate intermediate = acme.issuingIntermediates().get(0);

        // Then
        root.verify(root.getPublicKey());
        intermediate.verify(root.getPublicKey());
        assertThat(root).isNotEqualTo(acme.tlsCertificateAuthority());
    }

    @Test
    void directoryIsTrustedOnlyWithTheServersTrustMaterial(AcmeServer acme) throws Exception {
        // Given
        HttpRequest directory = HttpRequest.newBuilder(acme.directoryUri()).build();

        // When / Then
        HttpResponse<String> trusted = HttpClient.newBuilder().sslContext(acme.sslContext()).build()
                .send(directory, HttpResponse.BodyHandlers.ofString());
        assertThat(trusted.statusCode()).isEqualTo(200);
        assertThat(trusted.body()).contains("newOrder");
        assertThat(acme.trustStore().size()).isEqualTo(1);
        assertThat(acme.tlsCertificateAuthorityPem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(directory, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    private static void assertChainsTo(List<X509Certificate> chain, X509Certificate root) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
    }
}
