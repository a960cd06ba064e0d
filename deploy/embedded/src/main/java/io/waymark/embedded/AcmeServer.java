package io.waymark.embedded;

import java.net.URI;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A running ACME CA for tests (Pebble with pebble-challtestsrv), as an ACME client and an
 * HTTP-01 responder see it. Every name resolves to 127.0.0.1 for the CA's validator, which
 * fetches {@code http://<name>:<http01Port>/.well-known/acme-challenge/<token>}: whatever
 * listens on {@link #http01Port()} on loopback answers the challenge (RFC 8555 §8.3).
 *
 * <p>Two different trust anchors are involved. {@link #sslContext()} and {@link #trustStore()}
 * trust the CA's own HTTPS endpoint (the directory), whose certificate is generated when the
 * server starts. {@link #issuingRoots()} are the roots that certificates issued by this CA chain
 * to; Pebble makes a fresh one on every start. An acme4j client gets a trusting session with
 * {@link TrustingAcmeProvider#session(AcmeServer)}.
 */
public interface AcmeServer {

    /**
     * A name this CA refuses by policy: a new order for it fails at once with
     * {@code urn:ietf:params:acme:error:rejectedIdentifier} (Pebble's {@code domainBlocklist}).
     * Pebble does not evaluate CAA records, so this is how tests meet a permanent refusal from
     * a real CA.
     */
    String FORBIDDEN_HOST = "email.issuance-forbidden.example";

    /** The ACME directory, e.g. {@code https://127.0.0.1:40123/dir}. */
    URI directoryUri();

    /** The port the CA's validator connects to on 127.0.0.1 for HTTP-01 challenges. */
    int http01Port();

    /** Pebble's management API (roots, intermediates, certificate status). */
    URI managementUri();

    /** The CA certificate behind the directory's HTTPS certificate. */
    X509Certificate tlsCertificateAuthority();

    /** {@link #tlsCertificateAuthority()} as PEM, for tools that take a file. */
    String tlsCertificateAuthorityPem();

    /** A PKCS#12 trust store holding {@link #tlsCertificateAuthority()}, with no password. */
    KeyStore trustStore();

    /** A TLS context that trusts the directory's HTTPS endpoint (and nothing else). */
    SSLContext sslContext();

    /** The roots issued certificates chain to ({@code /roots/0} of the management API first). */
    List<X509Certificate> issuingRoots();

    /** The intermediates that sign issued certificates ({@code /intermediates/0} first). */
    List<X509Certificate> issuingIntermediates();
}
