package io.waymark.embedded.internal.pebble;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Turns one CA certificate into the forms TLS clients take: a trust store and an
 * {@link SSLContext}; also parses PEM bundles such as Pebble's {@code /roots/0}.
 */
public final class TrustMaterial {

    private TrustMaterial() {
    }

    public static KeyStore trustStore(X509Certificate authority) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("acme-server-ca", authority);
            return store;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a trust store", e);
        }
    }

    public static SSLContext sslContext(X509Certificate authority) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore(authority));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build an SSLContext", e);
        }
    }

    /** Every certificate in a PEM text, in order. */
    public static List<X509Certificate> parsePem(String pem) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .stream().map(X509Certificate.class::cast).collect(Collectors.toList());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a PEM certificate bundle", e);
        }
    }
}
