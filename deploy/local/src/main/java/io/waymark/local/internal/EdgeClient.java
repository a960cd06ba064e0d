package io.waymark.local.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS client for the edge that behaves like {@code curl --connect-to HOST:443:127.0.0.1:PORT}:
 * it connects to the edge's loopback HTTPS port, sends the tracking host as SNI and as
 * {@code Host}, and verifies the certificate chain against Pebble's issuing root only (no JVM
 * default trust) and the host name against the certificate (RFC 6125 via the JDK's
 * {@code HTTPS} endpoint identification). Requests are plain HTTP/1.1 with
 * {@code Connection: close}.
 */
public final class EdgeClient {

    private static final int TIMEOUT_MILLIS = 10_000;
    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) WaymarkDemo/1.0";

    private final int httpsPort;
    private final SSLContext context;

    public EdgeClient(int httpsPort, List<X509Certificate> trustedRoots) {
        this.httpsPort = httpsPort;
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(PemFiles.trustStore(trustedRoots));
            this.context = SSLContext.getInstance("TLS");
            this.context.init(null, trust.getTrustManagers(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS client", e);
        }
    }

    /** What a completed handshake showed. */
    public record Handshake(String protocol, String cipherSuite, X509Certificate leaf, int chainLength) {
    }

    /** An HTTP response: status, headers (lower-case names) and body. */
    public record Response(int status, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A TLS handshake with SNI = {@code host}; throws when the chain or the name does not verify. */
    public Handshake handshake(String host) throws IOException {
        try (SSLSocket socket = connect(host)) {
            var session = socket.getSession();
            X509Certificate leaf = (X509Certificate) session.getPeerCertificates()[0];
            return new Handshake(session.getProtocol(), session.getCipherSuite(), leaf,
                    session.getPeerCertificates().length);
        }
    }

    /** {@code GET url} over TLS to the edge's loopback port, SNI and Host = the URL's host. */
    public Response get(URI url) throws IOException {
        if (!"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("not an https URL: " + url);
        }
        String host = url.getHost();
        String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        try (SSLSocket socket = connect(host)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: " + USER_AGENT
                    + "\r\nAccept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private SSLSocket connect(String host) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", httpsPort), TIMEOUT_MILLIS);
        plain.setSoTimeout(TIMEOUT_MILLIS);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, 443, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(host)));
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static Response read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new IOException("the edge's response has no complete header block (" + all.length + " bytes)");
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.1 status line: " + lines[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] rest = Arrays.copyOfRange(all, end + 4, all.length);
        String length = headers.get("content-length");
        if (length != null) {
            int n = Integer.parseInt(length);
            if (n <= rest.length) {
                rest = Arrays.copyOf(rest, n);
            }
        }
        return new Response(Integer.parseInt(statusLine[1]), headers, rest);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
