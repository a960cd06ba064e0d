package io.waymark.rewriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.common.host.Hostname;
import io.waymark.common.token.RecipientDigest;
import io.waymark.common.token.TrackingToken;
import io.waymark.rewriter.internal.QuotedPrintableCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Behaviour the golden files cannot show well: failures, line limits, size, the QP codec. */
class MessageRewriterTest {

    private final MessageRewriter rewriter = new MessageRewriter();
    private final MessageOptions all = new MessageOptions(true, true, false);

    @Test
    void aMultipartWithoutBoundaryIsRefused() {
        // Given
        byte[] raw = ascii("Content-Type: multipart/mixed\r\n\r\n--x\r\n\r\n<a href=\"https://a.example/\">a</a>\r\n");

        // When / Then
        assertThatThrownBy(() -> rewriter.rewrite(raw, all, new PlaceholderSigner()))
                .isInstanceOf(RewriteException.class)
                .satisfies(e -> assertThat(((RewriteException) e).reason()).isEqualTo(RewriteException.Reason.MALFORMED_MIME));
    }

    @Test
    void anUnknownCharsetIsRefused() {
        // Given
        byte[] raw = ascii("Content-Type: text/html; charset=x-no-such-charset\r\n\r\n<a href=\"https://a.example/\">a</a>\r\n");

        // When / Then
        assertThatThrownBy(() -> rewriter.rewrite(raw, all, new PlaceholderSigner()))
                .isInstanceOf(RewriteException.class).hasMessageContaining("x-no-such-charset");
    }

    @Test
    void bytesInvalidInAStatefulCharsetAreRefused() {
        // Given: 0xFF is never valid in ISO-2022-JP
        byte[] raw = concat(ascii("Content-Type: text/html; charset=ISO-2022-JP\r\n\r\n<a href=\"https://a.example/\">"),
                new byte[] {(byte) 0xff}, ascii("</a>\r\n"));

        // When / Then
        assertThatThrownBy(() -> rewriter.rewrite(raw, all, new PlaceholderSigner()))
                .isInstanceOf(RewriteException.class)
                .satisfies(e -> assertThat(((RewriteException) e).reason()).isEqualTo(RewriteException.Reason.CHARSET));
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        // Given
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            raw.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i).append("\r\n");
        }
        raw.append("Content-Type: text/html\r\n\r\nx\r\n");

        // When / Then
        assertThatThrownBy(() -> rewriter.rewrite(ascii(raw.toString()), all, new PlaceholderSigner()))
                .isInstanceOf(RewriteException.class).hasMessageContaining("nesting");
    }

    @Test
    void realTokensInASevenBitPartKeepLinesWithin998Octets() throws Exception {
        // Given: one 7bit line of 9 links, about 800 octets, each becoming a ~170-character tracking URL
        StringBuilder line = new StringBuilder("<p>");
        for (int i = 1; i <= 9; i++) {
            line.append("<a class=\"p\" href=\"https://shop.example/product/").append(i)
                    .append("?utm_source=newsletter&amp;utm_medium=email\">P").append(i).append("</a> ");
        }
        byte[] raw = ascii("Content-Type: text/html; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
                + line + "</p>\r\n");
        TokenLinkSigner signer = new TokenLinkSigner(TestTokens.codec(), Hostname.parse("email.shop.example"), true,
                "3f1c2a9e-8b7d-4c6a-9e1f-0a2b3c4d5e6f", RecipientDigest.of("ann@example.org"),
                Hostname.parse("shop.example"), TrackingToken.MAX_URL_BYTES);

        // When
        RewriteResult result = rewriter.rewrite(raw, new MessageOptions(true, false, false), signer);

        // Then
        assertThat(result.linksTracked()).isEqualTo(9);
        for (String l : new String(result.message(), StandardCharsets.US_ASCII).split("\r\n")) {
            assertThat(l.length()).isLessThanOrEqualTo(998);
        }
    }

    @Test
    void a25MegabyteMessageKeepsItsAttachmentByteForByte() throws Exception {
        // Given: an HTML part and a 25 MB base64 attachment
        byte[] attachment = new byte[18 * 1024 * 1024];
        new Random(7).nextBytes(attachment);
        String base64 = java.util.Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(attachment);
        byte[] head = ascii("Content-Type: multipart/mixed; boundary=big\r\n\r\n--big\r\nContent-Type: text/html\r\n\r\n"
                + "<a href=\"https://shop.example/x\">x</a>\r\n--big\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n");
        byte[] raw = concat(head, ascii(base64), ascii("\r\n--big--\r\n"));
        assertThat(raw.length).isGreaterThan(24 * 1024 * 1024);

        // When
        RewriteResult result = rewriter.rewrite(raw, all, new PlaceholderSigner());

        // Then
        byte[] out = result.message();
        int growth = out.length - raw.length;
        assertThat(result.linksTracked()).isEqualTo(1);
        int tail = raw.length - head.length;
        assertThat(Arrays.copyOfRange(out, out.length - tail, out.length))
                .isEqualTo(Arrays.copyOfRange(raw, head.length, raw.length));
        assertThat(growth).isPositive();
    }

    @Test
    void nothingToDoReturnsTheInputItself() throws Exception {
        // Given
        byte[] raw = ascii("Content-Type: text/html\r\n\r\n<a href=\"https://a.example/\">a</a>\r\n");

        // When
        RewriteResult result = rewriter.rewrite(raw, new MessageOptions(false, false, true), new PlaceholderSigner());

        // Then
        assertThat(result.message()).isSameAs(raw);
        assertThat(result.changed()).isFalse();
    }

    @Test
    void quotedPrintableRoundTripsAndKeepsLinesWithin76() {
        // Given
        Random random = new Random(11);
        for (int n = 0; n < 200; n++) {
            byte[] data = new byte[random.nextInt(600)];
            random.nextBytes(data);
            for (int i = 0; i < data.length; i++) {
                if (random.nextInt(3) > 0) {
                    String alphabet = " abc=\t\r\n.xyz<>\"";
                    data[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
                }
            }
            // canonical line breaks only: a bare CR or LF is not a line break in canonical text
            String text = new String(data, StandardCharsets.ISO_8859_1).replace("\r\n", "\n")
                    .replace("\r", "").replace("\n", "\r\n");
            byte[] canonical = text.getBytes(StandardCharsets.ISO_8859_1);

            // When
            byte[] encoded = QuotedPrintableCodec.encode(canonical, "\r\n");

            // Then
            assertThat(QuotedPrintableCodec.decode(encoded, 0, encoded.length)).isEqualTo(canonical);
            for (String line : new String(encoded, StandardCharsets.US_ASCII).split("\r\n")) {
                assertThat(line.length()).isLessThanOrEqualTo(76);
                assertThat(line).doesNotEndWith(" ").doesNotEndWith("\t");
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
