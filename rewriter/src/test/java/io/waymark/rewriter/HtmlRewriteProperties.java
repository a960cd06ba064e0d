package io.waymark.rewriter;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.common.host.Hostname;
import io.waymark.common.token.RecipientDigest;
import io.waymark.common.token.TrackingToken;
import io.waymark.common.token.TrackingTokenCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random HTML: every rewritten link's token decodes to exactly the link's URL (character
 * references decoded), exactly the links that should be tracked are, and putting the original
 * values back (and taking the pixel out) gives the input back: nothing else changed.
 */
class HtmlRewriteProperties {

    private static final TrackingTokenCodec CODEC = TestTokens.codec();
    private static final Hostname HOST = Hostname.parse("email.shop.example");
    /**
     * Tracking URLs on the tracking host only: a generated link such as
     * {@code https://shop.example/c/x} (left alone because it is marked off, commented out or in a
     * script) has the same shape on another host and is no token.
     */
    private static final Pattern HOST_TOKEN_URL = Pattern.compile("https://email\\.shop\\.example/([co])/([A-Za-z0-9_-]+)");

    /** One piece of a document: its HTML, and the URL a tracked link in it must carry (or null). */
    record Piece(String html, String trackedUrl, String rawValue) {
    }

    @Property(tries = 300)
    void tokensCarryTheOriginalUrlsAndNothingElseChanges(@ForAll("documents") List<Piece> pieces) throws Exception {
        // Given
        StringBuilder html = new StringBuilder("<html><body>");
        List<String> expectedUrls = new ArrayList<>();
        List<String> rawValues = new ArrayList<>();
        for (Piece piece : pieces) {
            html.append(piece.html());
            if (piece.trackedUrl() != null) {
                expectedUrls.add(piece.trackedUrl());
                rawValues.add(piece.rawValue());
            }
        }
        html.append("</body></html>\r\n");
        byte[] message = ("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: binary\r\n\r\n" + html)
                .getBytes(StandardCharsets.UTF_8);
        TokenLinkSigner signer = new TokenLinkSigner(CODEC, HOST, true, "prop-1", RecipientDigest.of("a@b.example"),
                Hostname.parse("shop.example"), TrackingToken.MAX_URL_BYTES);

        // When
        byte[] out = new MessageRewriter().rewrite(message, new MessageOptions(true, true, false), signer).message();

        // Then
        String text = new String(out, StandardCharsets.UTF_8);
        Matcher m = HOST_TOKEN_URL.matcher(text);
        List<String> urls = new ArrayList<>();
        StringBuilder restored = new StringBuilder();
        int copied = 0;
        int click = 0;
        while (m.find()) {
            TrackingToken token = CODEC.decode(m.group(2), HOST);
            if (m.group(1).equals("c")) {
                urls.add(token.url());
                restored.append(text, copied, m.start()).append(rawValues.get(click++));
                copied = m.end();
            }
        }
        restored.append(text, copied, text.length());
        assertThat(urls).containsExactlyElementsOf(expectedUrls);
        String pixel = restored.toString().replaceFirst(
                "<img src=\"https://email\\.shop\\.example/o/[A-Za-z0-9_-]+\" width=\"1\" height=\"1\" alt=\"\" "
                        + "style=\"display:block;border:0\"></body>", "</body>");
        assertThat(pixel).isEqualTo(new String(message, StandardCharsets.UTF_8));
    }

    /** Found by a CI run: an untouched link whose path looks like a tracking path on another host. */
    @Example
    void aLinkLeftAloneThatLooksLikeATrackingUrlIsNotMistakenForOne() throws Exception {
        tokensCarryTheOriginalUrlsAndNothingElseChanges(List.of(
                new Piece("<a data-waymark=\"off\" href=\"https://shop.example/c/abc\">x</a>", null, null),
                new Piece("<!-- <a href=\"http://a.b.example/o/x\"> -->", null, null),
                new Piece("<a href=\"https://shop.example/c/a\">x</a>", "https://shop.example/c/a", "https://shop.example/c/a")));
    }

    @Provide
    Arbitrary<List<Piece>> documents() {
        return Arbitraries.oneOf(trackedLink(), untrackedLink(), text(), hiddenLink(), otherTag())
                .list().ofMaxSize(12);
    }

    private Arbitrary<String> urls() {
        Arbitrary<String> path = Arbitraries.strings().withChars("abcxyz0129-._~/%!$'()*+,;=:@")
                .withChars("\u00e9\u4e2d").ofMaxLength(30);
        Arbitrary<String> query = Arbitraries.strings().withChars("abc123=&+%-").ofMaxLength(20);
        return Combinators.combine(Arbitraries.of("http://", "https://", "HTTPS://"),
                Arbitraries.of("shop.example", "a.b.example", "x.example:8080"), path, query)
                .as((s, h, p, q) -> s + h + "/" + p + (q.isEmpty() ? "" : "?" + q))
                .filter(url -> !url.contains("%%")); // "%%" marks an ESP placeholder: never tracked
    }

    private Arbitrary<Piece> trackedLink() {
        return Combinators.combine(urls(), Arbitraries.of("a", "A", "area", "AREA"), Arbitraries.of('"', '\'', ' '),
                Arbitraries.of("", " class=\"x\"", " data-waymark=\"on\"", " target=_blank"))
                .as((url, tag, quote, extra) -> {
                    String raw = escape(url, quote);
                    String value = quote == ' ' ? raw : quote + raw + quote;
                    return new Piece("<" + tag + extra + " href=" + value + ">x</" + tag + ">", url, raw);
                })
                .filter(p -> p.rawValue().indexOf(' ') < 0 && !p.rawValue().contains(">"));
    }

    private Arbitrary<Piece> untrackedLink() {
        return Combinators.combine(Arbitraries.of("mailto:a@b.example", "tel:+1555", "#top", "javascript:x()",
                        "sms:123", "relative/path", "{{url}}", "ftp://f.example/"), urls())
                .as((href, url) -> Arbitraries.of(
                        new Piece("<a href=\"" + href + "\">x</a>", null, null),
                        new Piece("<a data-waymark=\"off\" href=\"" + escape(url, '"') + "\">x</a>", null, null),
                        new Piece("<a title=\"" + escape(url, '"') + "\">no href</a>", null, null)))
                .flatMap(a -> a);
    }

    private Arbitrary<Piece> hiddenLink() {
        return urls().flatMap(url -> Arbitraries.of(
                new Piece("<!-- <a href=\"" + escape(url, '"') + "\"> -->", null, null),
                new Piece("<script>'<a href=\"" + url + "\">'</script>", null, null),
                new Piece("<style>/* <a href=\"" + url + "\"> */</style>", null, null),
                new Piece("<template><a href=\"" + escape(url, '"') + "\">t</a></template>", null, null)));
    }

    private Arbitrary<Piece> text() {
        return Arbitraries.strings().withChars("abc \r\n\t&;\u00e9\u4e2d\u2014=\"'").ofMaxLength(40)
                .map(s -> new Piece(s, null, null));
    }

    private Arbitrary<Piece> otherTag() {
        return Arbitraries.of("<p>", "</p>", "<img src=\"https://cdn.example/i.png\">", "<br/>", "<table width=100%>",
                "<div style='a:b'>", "<link href=\"https://cdn.example/s.css\">").map(s -> new Piece(s, null, null));
    }

    private static String escape(String url, char quote) {
        String s = url.replace("&", "&amp;");
        if (quote == '"') {
            s = s.replace("\"", "&quot;");
        } else if (quote == '\'') {
            s = s.replace("'", "&#39;");
        }
        return s;
    }
}
