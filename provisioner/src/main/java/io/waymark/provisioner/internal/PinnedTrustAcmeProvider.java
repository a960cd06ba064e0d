package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * For a private CA (Pebble in the local stack, an internal ACME CA): talks to an {@code https://}
 * directory trusting only the CA certificates in a PEM file ({@code acme.trust-pem}). Overrides
 * acme4j's one hook for the HTTP client and keeps its timeout, proxy and redirect settings.
 */
final class PinnedTrustAcmeProvider extends GenericAcmeProvider {

    private final SSLContext sslContext;

    PinnedTrustAcmeProvider(SSLContext sslContext) {
        this.sslContext = requireNonNull(sslContext, "sslContext");
    }

    static PinnedTrustAcmeProvider fromPem(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("acme.trust-pem " + pem + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return new PinnedTrustAcmeProvider(context);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read acme.trust-pem " + pem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("acme.trust-pem " + pem + " is not a PEM certificate list", e);
        }
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings settings) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(settings.getTimeout())
                .proxy(settings.getProxySelector())
                .sslContext(sslContext);
        if (settings.getAuthenticator() != null) {
            builder.authenticator(settings.getAuthenticator());
        }
        return builder.build();
    }
}
