package io.waymark.edge;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

/**
 * A real JDK TLS client (SSLSocket) to 127.0.0.1 with a chosen SNI name (or none), trusting only
 * the test CA, speaking HTTP/1.1 with keep-alive.
 */
public final class TlsClient implements AutoCloseable {

    /** A parsed HTTP/1.1 response: status, lower-case headers, body. */
    public record Response(int status, java.util.Map<String, String> headers, byte[] body) { }

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    public TlsClient(int port, String sni, X509Certificate trusted, List<String> alpn) throws Exception {
        this(port, sni, trusted, alpn, List.of("TLSv1.3", "TLSv1.2"));
    }

    public TlsClient(int port, String sni, X509Certificate trusted, List<String> alpn, List<String> protocols) throws Exception {
        this(connect(port), sni, trusted, alpn, protocols);
    }

    /** TLS over {@code plain}, a socket already connected (and perhaps already written to, e.g. a PROXY header). */
    public TlsClient(Socket plain, String sni, X509Certificate trusted) throws Exception {
        this(plain, sni, trusted, List.of("http/1.1"), List.of("TLSv1.3", "TLSv1.2"));
    }

    private static Socket connect(int port) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return plain;
    }

    private TlsClient(Socket plain, String sni, X509Certificate trusted, List<String> alpn, List<String> protocols) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("root", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        socket = (SSLSocket) context.getSocketFactory().createSocket(plain, sni == null ? "127.0.0.1" : sni, plain.getPort(), true);
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        if (sni != null) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        parameters.setApplicationProtocols(alpn.toArray(String[]::new));
        parameters.setProtocols(protocols.toArray(String[]::new));
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public TlsClient(int port, String sni, X509Certificate trusted) throws Exception {
        this(port, sni, trusted, List.of("http/1.1"));
    }

    /** Serial (lower-case hex) of the certificate the server presented. */
    public String serialHex() throws Exception {
        BigInteger serial = ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        return serial.toString(16);
    }

    public String applicationProtocol() {
        return socket.getApplicationProtocol();
    }

    public String protocol() {
        return socket.getSession().getProtocol();
    }

    public Response get(String host, String path) throws IOException {
        return request("GET", host, path);
    }

    public Response request(String method, String host, String path) throws IOException {
        out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: Mozilla/5.0 (Waymark IT)\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return read(in, !"HEAD".equals(method));
    }

    /** Reads one response with a Content-Length body. */
    public static Response read(InputStream in, boolean withBody) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the response head ended");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        int length = withBody ? Integer.parseInt(headers.getOrDefault("content-length", "0")) : 0;
        byte[] body = in.readNBytes(length);
        return new Response(status, headers, body);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
