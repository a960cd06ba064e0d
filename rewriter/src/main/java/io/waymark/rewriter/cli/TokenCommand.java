package io.waymark.rewriter.cli;

import io.waymark.common.crypto.KeyRing;
import io.waymark.common.host.Hostname;
import io.waymark.common.token.TokenException;
import io.waymark.common.token.TrackingToken;
import io.waymark.common.token.TrackingTokenCodec;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code waymark token decode <url-or-token> [--host H] [--key-file F]}: prints a tracking
 * token's fields as one JSON object and whether its tag verifies on the host. The codec never
 * returns fields it has not verified; for a token that does not verify the command shows the reason
 * and, under {@code "unverified"}, what the token claims (never to be trusted); exit code 1.
 */
@Command(name = "token", description = "Tracking token tools.", mixinStandardHelpOptions = true,
        subcommands = TokenCommand.Decode.class)
public final class TokenCommand {

    /** The {@code decode} subcommand. */
    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Decode and verify a tracking token or link; prints JSON.")
    public static final class Decode implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", description = "A link http(s)://host/c/TOKEN (or /o/) or a bare token.")
        String input;

        @Option(names = "--host", description = "Tracking host the token was made for (taken from a link).")
        String host;

        @Option(names = "--key-file", description = "Token keys (id:BASE64 lines); default WAYMARK_TOKEN_KEYS(_FILE), else the local stack's keys (.waymark/keys.properties).")
        Path keyFile;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            String token = input.trim();
            String hostName = host;
            if (token.startsWith("http://") || token.startsWith("https://")) {
                URI uri = URI.create(token);
                hostName = hostName != null ? hostName : uri.getHost();
                String path = uri.getRawPath();
                token = path.substring(path.lastIndexOf('/') + 1);
            }
            if (hostName == null) {
                spec.commandLine().getErr().println("a bare token needs --host (the tracking host it was made for)");
                return 64;
            }
            Hostname trackingHost = Hostname.parse(hostName);
            KeyRing ring = TokenKeys.load(keyFile);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("host", trackingHost.ascii());
            header(token, json);
            try {
                TrackingToken t = new TrackingTokenCodec(ring).decode(token, trackingHost);
                json.put("verified", true);
                json.put("kind", t.kind().name());
                json.put("messageId", t.messageId());
                json.put("recipientDigest", t.recipient().toString());
                json.put("sendingDomain", t.sendingDomain().ascii());
                json.put("linkIndex", t.linkIndex());
                json.put("url", t.url());
                out.println(Json.object(json));
                return 0;
            } catch (TokenException e) {
                json.put("verified", false);
                json.put("reason", e.reason().name());
                json.put("error", e.getMessage());
                unverified(token, trackingHost, json);
                out.println(Json.object(json));
                return 1;
            }
        }

        /**
         * What a token that does not verify claims, under {@code "unverified"}: support needs to
         * see whose link it is (wrong key file, other host, tampered) even though nothing in it
         * can be trusted.
         */
        private static void unverified(String token, Hostname trackingHost, Map<String, Object> json) {
            try {
                TrackingToken t = TrackingTokenCodec.readUnverified(token, trackingHost);
                Map<String, Object> claims = new LinkedHashMap<>();
                claims.put("kind", t.kind().name());
                claims.put("messageId", t.messageId());
                claims.put("recipientDigest", t.recipient().toString());
                claims.put("sendingDomain", t.sendingDomain().ascii());
                claims.put("linkIndex", t.linkIndex());
                claims.put("url", t.url());
                json.put("unverified", claims);
            } catch (TokenException e) {
                json.put("unverified", null);
            }
        }

        /** Version, kind and key id: the clear header of a version 1 token (common/README.md). */
        private static void header(String token, Map<String, Object> json) {
            try {
                byte[] bytes = Base64.getUrlDecoder().decode(token);
                if (bytes.length >= 4) {
                    json.put("version", bytes[0] & 0xff);
                    json.put("kindFlag", (bytes[1] & 1) != 0 ? "OPEN" : "CLICK");
                    int length = bytes[2] & 0xff;
                    if (length >= 1 && length <= 16 && bytes.length >= 3 + length) {
                        json.put("keyId", new String(bytes, 3, length, StandardCharsets.US_ASCII));
                    }
                }
            } catch (IllegalArgumentException e) {
                json.put("version", null);
            }
        }
    }
}
