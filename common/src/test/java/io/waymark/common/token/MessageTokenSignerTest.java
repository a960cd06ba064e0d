package io.waymark.common.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.TestKeyRings;
import io.waymark.common.host.Hostname;
import org.junit.jupiter.api.Test;

class MessageTokenSignerTest {

    private static final Hostname HOST = Hostname.parse("email.shop.example");
    private static final Hostname DOMAIN = Hostname.parse("shop.example");
    private static final RecipientDigest RECIPIENT = RecipientDigest.of("reader@example.org");
    private static final String MESSAGE = "6f9619ff-8b86-d011-b42d-00c04fc964ff";

    private final TrackingTokenCodec codec = new TrackingTokenCodec(TestKeyRings.ring(KeyPurpose.TOKEN, "k1"));

    @Test
    void oneSignerSignsEveryLinkOfAMessage() throws TokenException {
        // Given one signer for the message
        MessageTokenSigner signer = codec.forMessage(MESSAGE, RECIPIENT, DOMAIN, HOST);

        // When it signs links whose indexes take one, two and three varint bytes, and the pixel
        String first = signer.click(1, "https://shop.example/a?utm_source=mail&utm_campaign=autumn-sale-2026");
        String wide = signer.click(200, "http://shop.example/b");
        String last = signer.click(TrackingToken.MAX_LINK_INDEX, "https://other.example/c");
        String open = signer.open();

        // Then each decodes to exactly its own fields
        assertThat(codec.decode(first, HOST)).isEqualTo(TrackingToken.click(MESSAGE, RECIPIENT, DOMAIN, 1,
                "https://shop.example/a?utm_source=mail&utm_campaign=autumn-sale-2026"));
        assertThat(codec.decode(wide, HOST)).isEqualTo(TrackingToken.click(MESSAGE, RECIPIENT, DOMAIN, 200,
                "http://shop.example/b"));
        assertThat(codec.decode(last, HOST)).isEqualTo(TrackingToken.click(MESSAGE, RECIPIENT, DOMAIN,
                TrackingToken.MAX_LINK_INDEX, "https://other.example/c"));
        assertThat(codec.decode(open, HOST)).isEqualTo(TrackingToken.open(MESSAGE, RECIPIENT, DOMAIN));
        // and a second signer, or the single-token path, gives the same text
        assertThat(codec.forMessage(MESSAGE, RECIPIENT, DOMAIN, HOST).click(200, "http://shop.example/b")).isEqualTo(wide);
        assertThat(codec.encode(TrackingToken.open(MESSAGE, RECIPIENT, DOMAIN), HOST)).isEqualTo(open);
    }

    @Test
    void aRefusedLinkLeavesTheSignerUsable() throws TokenException {
        MessageTokenSigner signer = codec.forMessage("m-1", RECIPIENT, DOMAIN, HOST);

        assertThatThrownBy(() -> signer.click(2, "https://shop.example/a b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whitespace");
        assertThatThrownBy(() -> signer.click(3, "mailto:reader@example.org")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.click(-1, "https://shop.example/")).isInstanceOf(IllegalArgumentException.class);

        assertThat(codec.decode(signer.click(4, "https://shop.example/ok"), HOST).url()).isEqualTo("https://shop.example/ok");
    }

    @Test
    void aRefusedUrlIsRefusedEveryTimeEvenAfterValidUrlsAroundItWereCached() throws Exception {
        // Given URLs signed once, so they are in the codec's memo of packed URLs
        MessageTokenSigner signer = codec.forMessage("m-1", RECIPIENT, DOMAIN, HOST);
        String bad = "https://shop.example/a\r\nLocation: https://evil.example/";
        signer.click(1, "https://shop.example/a");
        assertThatThrownBy(() -> signer.click(2, bad)).isInstanceOf(IllegalArgumentException.class);

        // When the same URLs come again, on this signer and on another message's
        MessageTokenSigner other = codec.forMessage("m-2", RECIPIENT, DOMAIN, HOST);

        // Then the refused one is still checked, not taken from the memo
        assertThatThrownBy(() -> signer.click(3, bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> other.appendClick(1, bad, new StringBuilder()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> other.click(1, "ftp://shop.example/a")).isInstanceOf(IllegalArgumentException.class);
        assertThat(codec.decode(other.click(1, "https://shop.example/a"), HOST).url()).isEqualTo("https://shop.example/a");
    }

    @Test
    void appendClickWritesExactlyTheTextOfClickAndNothingWhenRefused() {
        // Given one signer, and a builder that already holds part of a message
        MessageTokenSigner signer = codec.forMessage(MESSAGE, RECIPIENT, DOMAIN, HOST);
        StringBuilder out = new StringBuilder("<a href=\"https://email.shop.example/c/");
        int before = out.length();
        String url = "https://shop.example/p/" + "long-path-segment/".repeat(30) + "?utm_source=mail";

        // When a link is appended, and then a link the token refuses
        signer.appendClick(7, url, out);
        String appended = out.substring(before);
        assertThatThrownBy(() -> signer.appendClick(8, "https://shop.example/a b", out))
                .isInstanceOf(IllegalArgumentException.class);

        // Then the appended text is the token click makes, and the refusal appended nothing
        assertThat(appended).isEqualTo(signer.click(7, url));
        assertThat(out.length()).isEqualTo(before + appended.length());
    }

    @Test
    void theSharedFieldsAreCheckedOnce() {
        assertThatThrownBy(() -> codec.forMessage("", RECIPIENT, DOMAIN, HOST)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messageId");
        assertThatThrownBy(() -> codec.forMessage("m-1", RECIPIENT, DOMAIN, null)).isInstanceOf(NullPointerException.class);
    }
}
