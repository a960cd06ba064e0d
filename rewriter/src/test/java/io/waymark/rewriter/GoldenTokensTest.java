package io.waymark.rewriter;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.common.host.Hostname;
import io.waymark.common.token.RecipientDigest;
import io.waymark.common.token.TokenKind;
import io.waymark.common.token.TrackingToken;
import io.waymark.common.token.TrackingTokenCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden messages rewritten with real tokens (a key made for this run): every token in the
 * output verifies on the tracking host and carries the message id, recipient digest, sending
 * domain, link index and exactly the URL the placeholder run signed at that index.
 */
class GoldenTokensTest {

    static List<GoldenMessages> messages() {
        return GoldenMessages.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void everyTokenDecodesToItsLink(GoldenMessages golden) throws Exception {
        // Given
        TrackingTokenCodec codec = TestTokens.codec();
        Hostname host = Hostname.parse("email.shop.example");
        Hostname domain = Hostname.parse("shop.example");
        RecipientDigest recipient = RecipientDigest.of("ann@example.org");
        TokenLinkSigner signer = new TokenLinkSigner(codec, host, true, "msg-" + golden.name(), recipient, domain,
                TrackingToken.MAX_URL_BYTES);
        PlaceholderSigner placeholders = new PlaceholderSigner();
        new MessageRewriter().rewrite(golden.input(), golden.options(), placeholders);

        // When
        RewriteResult result = new MessageRewriter().rewrite(golden.input(), golden.options(), signer);

        // Then
        List<String> clicked = new ArrayList<>();
        int opens = 0;
        for (String[] found : TrackedParts.tokens(result.message())) {
            if (!found[0].equals("email.shop.example")) {
                continue;
            }
            TrackingToken token = codec.decode(found[2], host);
            assertThat(token.messageId()).isEqualTo("msg-" + golden.name());
            assertThat(token.recipient()).isEqualTo(recipient);
            assertThat(token.sendingDomain()).isEqualTo(domain);
            if (found[1].equals("o")) {
                assertThat(token.kind()).isEqualTo(TokenKind.OPEN);
                opens++;
            } else {
                assertThat(token.kind()).isEqualTo(TokenKind.CLICK);
                assertThat(token.linkIndex()).isEqualTo(clicked.size() + 1);
                clicked.add(token.url());
            }
        }
        assertThat(clicked).containsExactlyElementsOf(placeholders.urls);
        assertThat(opens).isEqualTo(result.pixels());
        assertThat(result.linksTracked()).isEqualTo(placeholders.urls.size());
    }
}
