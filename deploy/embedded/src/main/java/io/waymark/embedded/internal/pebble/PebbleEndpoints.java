package io.waymark.embedded.internal.pebble;

import io.waymark.embedded.AcmeServer;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;

/** What a started Pebble offers, whichever way it was started. */
public record PebbleEndpoints(URI directoryUri, int http01Port, URI managementUri,
        X509Certificate tlsCertificateAuthority, String tlsCertificateAuthorityPem, SSLContext sslContext,
        List<X509Certificate> issuingRoots, List<X509Certificate> issuingIntermediates) implements AcmeServer {

    public PebbleEndpoints {
        issuingRoots = List.copyOf(issuingRoots);
        issuingIntermediates = List.copyOf(issuingIntermediates);
    }

    /** Fetches the issuing chain from a Pebble that is ready. */
    public static PebbleEndpoints of(PebbleSetup setup, TlsCertificates tls, SSLContext sslContext,
            PebbleClient client) {
        return new PebbleEndpoints(client.directoryUri(), setup.http01Port(), client.managementUri(),
                tls.authority(), tls.authorityPem(), sslContext, client.fetch("roots"),
                client.fetch("intermediates"));
    }

    @Override
    public KeyStore trustStore() {
        return TrustMaterial.trustStore(tlsCertificateAuthority);
    }
}
