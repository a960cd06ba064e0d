package io.waymark.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoMailTest {

    @Test
    void theNewsletterIsAnAddressedCrlfMultipartMessage() {
        // When
        String text = new String(DemoMail.newsletter("demo-one.test", "sam@example.net", "m-1"), StandardCharsets.UTF_8);

        // Then
        assertThat(text).doesNotContain("@SENDING_DOMAIN@", "@RECIPIENT@", "@MESSAGE_ID@");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n", "\r");
        assertThat(text).contains("From: Trailhead Outfitters <news@demo-one.test>\r\n",
                "To: Sam Reader <sam@example.net>\r\n", "Message-ID: <m-1@demo-one.test>\r\n",
                "Content-Type: multipart/alternative;", "Content-Type: text/plain;", "Content-Type: text/html;",
                "--=_trailhead_spring_2026--");
    }

    @Test
    void linksAreReadInOrderWithCharacterReferencesDecoded() {
        // When
        var links = DemoMail.links(DemoMail.newsletter("demo-one.test", "sam@example.net", "m-1"));

        // Then
        assertThat(links).containsExactly(
                "https://shop.example.com/?utm_source=newsletter",
                "https://shop.example.com/spring-sale?utm_source=newsletter&utm_campaign=spring",
                "https://shop.example.com/products/ridgeline-3",
                "https://blog.example.com/2026/ten-spring-routes",
                "http://events.example.org/workshops?season=spring",
                "mailto:support@example.com",
                "https://shop.example.com/privacy",
                "https://demo-one.test/unsubscribe?list=spring&id=8c1f20");
    }

    @Test
    void theOpenPixelIsFoundOnlyWhereTheRewriterPutOne() {
        byte[] written = DemoMail.newsletter("demo-one.test", "sam@example.net", "m-1");
        byte[] tracked = "<p>x</p><img src=\"https://email.demo-one.test/o/AbC\" width=\"1\" height=\"1\" alt=\"\"></body>"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(DemoMail.pixels(written)).isEmpty();
        assertThat(DemoMail.pixels(tracked)).containsExactly("https://email.demo-one.test/o/AbC");
    }
}
