package io.waymark.edge.internal;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.SimpleTrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Collection;

/**
 * Builds server {@link SslContext}s: BoringSSL through netty-tcnative when it loads, the JDK
 * provider otherwise (logged once at WARN); TLS 1.2 and 1.3 only; ALPN {@code h2} then
 * {@code http/1.1}; the HTTP/2 cipher list (RFC 7540 §9.2.2) filtered to what the provider has.
 */
public final class TlsContextFactory {

    private static final Logger LOGGER = LoggerFactory.getLogger(TlsContextFactory.class);
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SslProvider provider;
    private TlsContextFactory(SslProvider provider) {
        this.provider = provider;
    }

    /** Picks the provider: BoringSSL when available, else the JDK with a WARN naming the cause. */
    public static TlsContextFactory detect() {
        if (OpenSsl.isAvailable()) {
            LOGGER.atInfo().addKeyValue("provider", "openssl").addKeyValue("version", OpenSsl.versionString())
                    .log("TLS provider");
            return new TlsContextFactory(SslProvider.OPENSSL);
        }
        LOGGER.atWarn().addKeyValue("provider", "jdk").addKeyValue("cause", String.valueOf(OpenSsl.unavailabilityCause()))
                .log("netty-tcnative (BoringSSL) did not load; falling back to the JDK TLS provider");
        return new TlsContextFactory(SslProvider.JDK);
    }

    public SslProvider provider() {
        return provider;
    }

    /** A server context for a PEM chain (leaf first) and a PKCS#8 DER private key. */
    public SslContext build(String chainPem, byte[] pkcs8, String algorithmHint) throws GeneralSecurityException, SSLException {
        X509Certificate[] chain = parseChain(chainPem);
        PrivateKey key = privateKey(pkcs8, algorithmHint, chain[0].getPublicKey().getAlgorithm());
        return SslContextBuilder.forServer(key, chain)
                .sslProvider(provider)
                // Netty hands the key to its key manager through an in-memory key store. PKCS#12
                // (the JDK's default type) protects the entry with 10,000 PBKDF2 rounds each way:
                // ~20 ms of a cold host's handshake. JKS protects it with one cheap pass; the store
                // never leaves memory and is dropped once the context is built.
                .keyStoreType("JKS")
                // No client certificates are asked for. Without a trust manager of its own, Netty
                // loads the JDK's whole CA list into every SSL_CTX as acceptable client-certificate
                // issuers: ~10 ms and ~140 certificates per context, for nothing.
                .trustManager(NoClientCertificates.FACTORY)
                .clientAuth(ClientAuth.NONE)
                .protocols(PROTOCOLS)
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                .build();
    }

    /** Trusts no client certificate and names no acceptable issuer. */
    private static final class NoClientCertificates extends SimpleTrustManagerFactory {

        static final NoClientCertificates FACTORY = new NoClientCertificates();

        private static final X509TrustManager TRUST_NONE = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("client certificates are not accepted");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("a server context verifies no server");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };

        @Override
        protected void engineInit(KeyStore keyStore) {
        }

        @Override
        protected void engineInit(ManagerFactoryParameters parameters) {
        }

        @Override
        protected TrustManager[] engineGetTrustManagers() {
            return new TrustManager[] {TRUST_NONE};
        }
    }

    static X509Certificate[] parseChain(String pem) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        Collection<? extends Certificate> certificates =
                factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no certificate in the chain PEM");
        }
        return certificates.stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    }

    private static PrivateKey privateKey(byte[] pkcs8, String algorithmHint, String publicKeyAlgorithm)
            throws GeneralSecurityException {
        String algorithm = algorithmHint != null && algorithmHint.toUpperCase().startsWith("RSA") ? "RSA"
                : algorithmHint != null && algorithmHint.toUpperCase().startsWith("EC") ? "EC" : publicKeyAlgorithm;
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(spec);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }
}
