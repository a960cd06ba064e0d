package io.waymark.rewriter.cli;

import io.waymark.common.host.Hostname;
import io.waymark.common.token.RecipientDigest;
import io.waymark.common.token.TrackingToken;
import io.waymark.common.token.TrackingTokenCodec;
import io.waymark.rewriter.MessageOptions;
import io.waymark.rewriter.MessageRewriter;
import io.waymark.rewriter.RewriteException;
import io.waymark.rewriter.RewriteResult;
import io.waymark.rewriter.TokenLinkSigner;
import io.waymark.rewriter.internal.HeaderBlock;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code waymark rewrite --domain D [--tracking-host H] [--https] [--no-opens] [--text] [--key-file F]
 * < in.eml > out.eml}: rewrites one message exactly as the app would. A message the app would
 * send unchanged (and dead-letter) is written unchanged, the reason goes to stderr, exit code 2.
 */
@Command(name = "rewrite", mixinStandardHelpOptions = true,
        description = "Rewrite one RFC 5322 message from stdin to stdout, as the rewriter app would.")
public final class RewriteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--domain", required = true, description = "Sending domain of the message.")
    String domain;

    @Option(names = "--tracking-host", description = "Tracking host (default: email.<domain>).")
    String trackingHost;

    @Option(names = "--https", description = "Use https:// links (the domain's certificate is live).")
    boolean https;

    @Option(names = "--no-opens", description = "Do not insert the open pixel.")
    boolean noOpens;

    @Option(names = "--no-clicks", description = "Do not rewrite links.")
    boolean noClicks;

    @Option(names = "--text", description = "Also rewrite bare URLs in text/plain parts.")
    boolean text;

    @Option(names = "--key-file", description = "Token keys (id:BASE64 lines); default WAYMARK_TOKEN_KEYS(_FILE), else the local stack's keys (.waymark/keys.properties).")
    Path keyFile;

    @Option(names = "--message-id", description = "Message id in the tokens (default: the Message-ID header).")
    String messageId;

    @Option(names = "--recipient", defaultValue = "preview@example.invalid",
            description = "Recipient address whose digest goes into the tokens (default: ${DEFAULT-VALUE}).")
    String recipient;

    @Option(names = "--max-url-bytes", defaultValue = "2048", description = "Longest URL tracked (default: ${DEFAULT-VALUE}).")
    int maxUrlBytes;

    @Option(names = "--opt-out-attribute", defaultValue = MessageRewriter.DEFAULT_OPT_OUT_ATTRIBUTE,
            description = "Attribute that opts a link out (default: ${DEFAULT-VALUE}).")
    String optOutAttribute;

    InputStream in = System.in;
    OutputStream out = System.out;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        byte[] raw = in.readAllBytes();
        Hostname sendingDomain = Hostname.parse(domain);
        Hostname host = trackingHost != null ? Hostname.parse(trackingHost) : Hostname.parse("email." + sendingDomain);
        TrackingTokenCodec codec = new TrackingTokenCodec(TokenKeys.load(keyFile));
        String id = messageId != null ? messageId : messageIdOf(raw);
        TokenLinkSigner signer = new TokenLinkSigner(codec, host, https, id, RecipientDigest.of(recipient),
                sendingDomain, Math.min(maxUrlBytes, TrackingToken.MAX_URL_BYTES));
        try {
            RewriteResult result = new MessageRewriter(optOutAttribute)
                    .rewrite(raw, new MessageOptions(!noClicks, !noOpens, text), signer);
            out.write(result.message());
            out.flush();
            err.printf("rewritten: %d links tracked, %d left untracked, %d pixels, %d parts re-encoded%n",
                    result.linksTracked(), result.linksUntracked(), result.pixels(), result.partsRewritten());
            err.flush();
            return 0;
        } catch (RewriteException e) {
            out.write(raw);
            out.flush();
            err.println("not rewritten, the app would send it unchanged and dead-letter it: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private static String messageIdOf(byte[] raw) {
        String header = HeaderBlock.parse(raw, 0, raw.length).field("message-id");
        if (header == null) {
            return "preview";
        }
        String id = header.trim().replaceAll("^<|>$", "");
        return id.isEmpty() || id.length() > 200 ? "preview" : id;
    }
}
