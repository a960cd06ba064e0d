package io.waymark.rewriter.bench;

import io.waymark.common.crypto.KeyId;
import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.KeyRing;
import io.waymark.common.host.Hostname;
import io.waymark.common.token.RecipientDigest;
import io.waymark.common.token.TrackingTokenCodec;
import io.waymark.rewriter.MessageOptions;
import io.waymark.rewriter.MessageRewriter;
import io.waymark.rewriter.RewriteException;
import io.waymark.rewriter.TokenLinkSigner;
import io.waymark.rewriter.internal.CharsetView;
import io.waymark.rewriter.internal.HtmlRewriter;
import io.waymark.rewriter.internal.LinkPolicy;
import io.waymark.rewriter.internal.RewriteSession;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One operation = the whole corpus (40 documents, 20-100 KB each) once, on one thread, so
 * MB/s per core = ops/s x corpus MB (printed at setup). {@code waymarkHtml}: our tokenizer with
 * real token signing on every link; {@code jsoupParseSerialize}: jsoup's parse + outerHtml, the
 * peer; {@code jsoupParseRewriteSerialize}: jsoup doing the same job (set every a[href]);
 * {@code waymarkHtmlUnsigned}: the tokenizer alone (a constant URL instead of a signed token);
 * {@code waymarkMessage}: whole messages (MIME walk, QP decode + re-encode of both parts).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class RewriterBenchmark {

    private List<String> html;
    private List<byte[]> messages;
    private TrackingTokenCodec codec;
    private final Hostname host = Hostname.parse("email.shop.example");
    private final Hostname domain = Hostname.parse("shop.example");
    private final RecipientDigest recipient = RecipientDigest.of("ann@example.org");
    private final MessageRewriter rewriter = new MessageRewriter();

    @Setup
    public void setUp() {
        html = MarketingCorpus.html(40, 42);
        messages = MarketingCorpus.messages(html);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        codec = new TrackingTokenCodec(KeyRing.of(KeyPurpose.TOKEN, KeyId.of("b1"), Map.of(KeyId.of("b1"), key)));
        long htmlBytes = html.stream().mapToLong(h -> h.getBytes(StandardCharsets.UTF_8).length).sum();
        long messageBytes = messages.stream().mapToLong(m -> m.length).sum();
        System.out.printf("%ncorpus: %d documents, HTML %.3f MB, messages %.3f MB%n", html.size(),
                htmlBytes / 1e6, messageBytes / 1e6);
    }

    private TokenLinkSigner signer(int i) {
        return new TokenLinkSigner(codec, host, true, "bench-" + i, recipient, domain, 2048);
    }

    @Benchmark
    public void waymarkHtml(Blackhole bh) throws RewriteException {
        CharsetView utf8 = CharsetView.of("utf-8");
        for (int i = 0; i < html.size(); i++) {
            RewriteSession session = new RewriteSession(new MessageOptions(true, true, false), signer(i),
                    new LinkPolicy(Set.of()), "data-waymark");
            bh.consume(new HtmlRewriter(session, utf8, null).rewrite(html.get(i)));
        }
    }

    /** The tokenizer alone: a constant tracking URL instead of a signed token per link. */
    @Benchmark
    public void waymarkHtmlUnsigned(Blackhole bh) throws RewriteException {
        CharsetView utf8 = CharsetView.of("utf-8");
        for (String h : html) {
            RewriteSession session = new RewriteSession(new MessageOptions(true, true, false), CONSTANT,
                    new LinkPolicy(Set.of()), "data-waymark");
            bh.consume(new HtmlRewriter(session, utf8, null).rewrite(h));
        }
    }

    private static final io.waymark.rewriter.LinkSigner CONSTANT = new io.waymark.rewriter.LinkSigner() {
        @Override
        public String click(int linkIndex, String url) {
            return "https://email.shop.example/c/AQFiMQPx4mZbQ7ZKbJ0eHwoLDA0OD0Bkf7Jx3xQ6gVm4tXJzaG9wLmV4YW1wbGUvcHJvZHVjdHMv";
        }

        @Override
        public String open() {
            return "https://email.shop.example/o/AQFiMQPx4mZbQ7ZKbJ0eHwoLDA0OD0Bkf7Jx3xQ6gVm4";
        }
    };

    @Benchmark
    public void jsoupParseSerialize(Blackhole bh) {
        for (String h : html) {
            bh.consume(Jsoup.parse(h).outerHtml());
        }
    }

    @Benchmark
    public void jsoupParseRewriteSerialize(Blackhole bh) {
        for (int i = 0; i < html.size(); i++) {
            Document doc = Jsoup.parse(html.get(i));
            TokenLinkSigner signer = signer(i);
            int index = 1;
            for (Element a : doc.select("a[href], area[href]")) {
                String url = a.attr("href");
                if (url.startsWith("http")) {
                    String tracked = signer.click(index++, url);
                    if (tracked != null) {
                        a.attr("href", tracked);
                    }
                }
            }
            bh.consume(doc.outerHtml());
        }
    }

    @Benchmark
    public void waymarkMessage(Blackhole bh) throws RewriteException {
        for (int i = 0; i < messages.size(); i++) {
            bh.consume(rewriter.rewrite(messages.get(i), new MessageOptions(true, true, false), signer(i)).message());
        }
    }
}
