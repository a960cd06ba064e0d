package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.common.config.HostPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Asks our own edge for a challenge before the CA does: {@code GET
 * /.well-known/acme-challenge/<token>} with {@code Host: <tracking host>}, sent to the configured
 * edge address. The CA counts every failed validation against a budget of five per host and
 * hour; triggering only once the edge already serves the key authorization keeps that budget
 * for real DNS problems. HTTP/1.1 over a plain socket, because the JDK's HTTP client will not
 * send a Host header other than the address it connects to.
 */
final class PreflightCheck {

    /** What the edge answered. */
    record Answer(int status, String body) {

        boolean serves(String keyAuthorization) {
            return status == 200 && body.strip().equals(keyAuthorization);
        }
    }

    private static final int MAX_BODY = 8192;

    private final HostPort edge;
    private final Duration timeout;

    PreflightCheck(HostPort edge, Duration timeout) {
        this.edge = requireNonNull(edge, "edge");
        this.timeout = requireNonNull(timeout, "timeout");
    }

    HostPort edge() {
        return edge;
    }

    /** One request; throws when the edge cannot be reached or answers garbage. */
    Answer fetch(String host, String token) throws IOException {
        try (Socket socket = new Socket()) {
            int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
            socket.connect(new InetSocketAddress(edge.host(), edge.port()), millis);
            socket.setSoTimeout(millis);
            // RFC 8555 §8.3: the CA's request, as it will arrive at the edge
            String request = "GET /.well-known/acme-challenge/" + token + " HTTP/1.1\r\n"
                    + "Host: " + host + "\r\n"
                    + "User-Agent: waymark-provisioner-preflight\r\n"
                    + "Accept: */*\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[2048];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            bytes.write(buffer, 0, n);
            if (bytes.size() > MAX_BODY) {
                break;
            }
        }
        return bytes.toByteArray();
    }

    static Answer parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || headerEnd < 0) {
            throw new IOException("not an HTTP/1.x response");
        }
        String[] statusLine = text.substring(0, text.indexOf("\r\n")).split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (RuntimeException e) {
            throw new IOException("bad status line", e);
        }
        String headers = text.substring(0, headerEnd).toLowerCase(Locale.ROOT);
        String body = text.substring(headerEnd + 4);
        if (headers.contains("\r\ntransfer-encoding: chunked")) {
            body = dechunk(body);
        }
        return new Answer(status, body);
    }

    private static String dechunk(String chunked) throws IOException {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                throw new IOException("truncated chunked body");
            }
            String sizeField = chunked.substring(at, lineEnd);
            int semicolon = sizeField.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? sizeField : sizeField.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size", e);
            }
            if (size == 0) {
                return body.toString();
            }
            int start = lineEnd + 2;
            if (start + size > chunked.length()) {
                throw new IOException("truncated chunk");
            }
            body.append(chunked, start, start + size);
            at = start + size + 2;
        }
    }
}
