package io.waymark.embedded;

import java.net.http.HttpClient;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * An acme4j provider for a plain {@code https://} directory URI whose HTTP client trusts a given
 * {@link SSLContext} instead of the JVM's default trust store. acme4j 4 builds its
 * {@link HttpClient} through {@code AcmeProvider.createHttpClient(NetworkSettings)}; this
 * overrides exactly that hook and keeps acme4j's own settings (timeout, proxy, authenticator,
 * redirects). ({@code acme://pebble/...} would trust acme4j's bundled Pebble test CA, which is
 * not the CA our Pebble uses.)
 *
 * <p>acme4j is an optional dependency of this module: code that uses this class brings
 * {@code org.shredzone.acme4j:acme4j-client} itself.
 */
public final class TrustingAcmeProvider extends GenericAcmeProvider {

    private final SSLContext sslContext;

    public TrustingAcmeProvider(SSLContext sslContext) {
        this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
    }

    /** A session on {@code server}'s directory that trusts the server's HTTPS certificate. */
    public static Session session(AcmeServer server) {
        Objects.requireNonNull(server, "server");
        return new Session(server.directoryUri(), new TrustingAcmeProvider(server.sslContext()));
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
