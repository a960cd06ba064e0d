package io.waymark.renewer.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.renewer.RenewalWindow;
import io.waymark.renewer.RenewalWindowException;
import io.waymark.renewer.RenewalWindowSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.Connection;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * ARI through acme4j: the directory's {@code renewalInfo} URL (acme4j reads and caches the
 * directory), then an unauthenticated GET of {@code renewalInfo/<CertID>} (RFC 9773 §4.1) through
 * acme4j's connection, which reads the JSON and {@code Retry-After}. No account is involved: the
 * renewer never signs anything. acme4j's {@code RenewalInfo} resource needs a login, hence the
 * connector. Each request is bounded by {@code timeout} (acme4j's network timeout).
 */
public final class AcmeRenewalWindowSource implements RenewalWindowSource {

    private final Session session;

    public AcmeRenewalWindowSource(Session session, Duration timeout) {
        this.session = requireNonNull(session, "session");
        session.networkSettings().setTimeout(requireNonNull(timeout, "timeout"));
    }

    /** A source for {@code directory}, trusting the PEM's CA certificates for its HTTPS when given. */
    public static AcmeRenewalWindowSource forDirectory(URI directory, Optional<Path> trustPem, Duration timeout) {
        Session session = trustPem.map(pem -> new Session(directory, new PemTrustProvider(sslContext(pem))))
                .orElseGet(() -> new Session(directory));
        return new AcmeRenewalWindowSource(session, timeout);
    }

    @Override
    public Optional<RenewalWindow> lookup(String certId) throws RenewalWindowException {
        try {
            Optional<URL> base = session.resourceUrlOptional(Resource.RENEWAL_INFO);
            if (base.isEmpty()) {
                return Optional.empty();
            }
            String prefix = base.get().toString();
            URL url = URI.create(prefix.endsWith("/") ? prefix + certId : prefix + "/" + certId).toURL();
            try (Connection connection = session.connect()) {
                connection.sendRequest(url, session, null);
                JSON window = connection.readJsonResponse().get("suggestedWindow").asObject();
                return Optional.of(new RenewalWindow(window.get("start").asInstant(), window.get("end").asInstant(),
                        connection.getRetryAfter()));
            }
        } catch (AcmeRateLimitedException e) {
            throw new RenewalWindowException("renewalInfo rate limited: " + e.getMessage(), e.getRetryAfter(), e);
        } catch (AcmeException | MalformedURLException | RuntimeException e) {
            throw new RenewalWindowException("renewalInfo of " + certId + " failed: " + e.getMessage(),
                    Optional.<Instant>empty(), e);
        }
    }

    private static SSLContext sslContext(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int n = 0;
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                anchors.setCertificateEntry("anchor-" + n++, ca);
            }
            if (n == 0) {
                throw new IllegalArgumentException("acme.trust-pem " + pem + " contains no certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("acme.trust-pem " + pem + " cannot be read", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("acme.trust-pem " + pem + " is not a list of PEM certificates", e);
        }
    }

    /** acme4j's generic provider with an HTTP client that trusts only the given anchors. */
    private static final class PemTrustProvider extends GenericAcmeProvider {

        private final SSLContext context;

        PemTrustProvider(SSLContext context) {
            this.context = context;
        }

        @Override
        public HttpClient createHttpClient(NetworkSettings settings) {
            return HttpClient.newBuilder().sslContext(context).connectTimeout(settings.getTimeout())
                    .proxy(settings.getProxySelector()).followRedirects(HttpClient.Redirect.NORMAL).build();
        }
    }
}
