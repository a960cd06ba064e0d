package io.waymark.common.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.common.crypto.KeyPurpose;
import io.waymark.common.crypto.TestKeyRings;
import io.waymark.common.host.Hostname;
import org.junit.jupiter.api.Test;

/**
 * The size target: a click token for a 100-character URL, a 36-character message id, a
 * 25-character recipient and a 15-character sending domain fits in 220 characters, so a
 * rewritten link stays under common URL-length limits of mail clients and scanners.
 */
class TokenSizeTest {

    static final String URL_100 =
            "https://www.acme-stores.com/collections/winter-sale/products/merino-sweater?variant=4471&ref=nl12345";
    static final String RECIPIENT = "jane.doe.1987@example.org";
    static final Hostname DOMAIN = Hostname.parse("acme-stores.com");
    static final Hostname HOST = Hostname.parse("email.acme-stores.com");

    private final TrackingTokenCodec codec = new TrackingTokenCodec(TestKeyRings.ring(KeyPurpose.TOKEN, "k1"));

    @Test
    void realisticValuesHaveTheExpectedLengths() {
        assertThat(URL_100).hasSize(100);
        assertThat(RECIPIENT).hasSize(25);
        assertThat(DOMAIN.ascii()).hasSize(15);
    }

    @Test
    void uuidMessageIdTokenIsAtMost220Characters() throws TokenException {
        // Given
        TrackingToken token = TrackingToken.click("0f8e1c2a-5b7d-4e3f-9a61-2c4d8b7e1f05",
                RecipientDigest.of(RECIPIENT), DOMAIN, 12, URL_100);

        // When
        String text = codec.encode(token, HOST);

        // Then
        System.out.println("uuid message id, domain under host: " + text.length() + " chars");
        assertThat(text.length()).isLessThanOrEqualTo(220);
        assertThat(codec.decode(text, HOST)).isEqualTo(token);
    }

    @Test
    void incompressibleUrlStillFits() throws TokenException {
        // Given: a URL of random characters, which deflate cannot shorten
        String url = "https://go.acme-stores.com/r/u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnF";
        TrackingToken token = TrackingToken.click("0f8e1c2a-5b7d-4e3f-9a61-2c4d8b7e1f05",
                RecipientDigest.of(RECIPIENT), DOMAIN, 12, url);

        // When
        String text = codec.encode(token, HOST);

        // Then
        System.out.println("uuid message id, incompressible url: " + text.length() + " chars");
        assertThat(url).hasSize(100);
        assertThat(text.length()).isLessThanOrEqualTo(220);
        assertThat(codec.decode(text, HOST)).isEqualTo(token);
    }

    @Test
    void opaqueMessageIdAndUnrelatedHostStillFit() throws TokenException {
        // Given: a 36-character message id that is neither a UUID nor hex, and a tracking host
        // that is not under the sending domain (so the domain is written out)
        String messageId = "20261128T213742Z.4f2a9c1e@mta7.acme1";
        TrackingToken token = TrackingToken.click(messageId, RecipientDigest.of(RECIPIENT), DOMAIN, 12, URL_100);
        Hostname host = Hostname.parse("t.mailer.net");

        // When
        String text = codec.encode(token, host);

        // Then
        System.out.println("opaque message id, literal domain: " + text.length() + " chars");
        assertThat(messageId).hasSize(36);
        assertThat(text.length()).isLessThanOrEqualTo(220);
        assertThat(codec.decode(text, host)).isEqualTo(token);
    }

    @Test
    void opaqueMessageIdAndIncompressibleUrlFitWhenTheHostIsUnderTheDomain() throws TokenException {
        // Given: the worst inputs Waymark accepts (the provisioner requires the tracking host to
        // be a subdomain of the sending domain): an opaque 36-character message id and a URL
        // that deflate cannot shorten
        String url = "https://go.acme-stores.com/r/u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnF";
        TrackingToken token = TrackingToken.click("20261128T213742Z.4f2a9c1e@mta7.acme1",
                RecipientDigest.of(RECIPIENT), DOMAIN, 12, url);

        // When
        String text = codec.encode(token, HOST);

        // Then
        assertThat(text.length()).isLessThanOrEqualTo(220);
        assertThat(codec.decode(text, HOST)).isEqualTo(token);
    }

    @Test
    void worstCaseForA100CharacterUrlIsKnown() throws TokenException {
        // Given: opaque message id, tracking host unrelated to the domain, incompressible URL
        String url = "https://go.acme-stores.com/r/u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnF";
        TrackingToken token = TrackingToken.click("20261128T213742Z.4f2a9c1e@mta7.acme1",
                RecipientDigest.of(RECIPIENT), DOMAIN, 12, url);
        Hostname host = Hostname.parse("t.mailer.net");

        // When
        String text = codec.encode(token, host);

        // Then: documented in the README as about 240
        System.out.println("worst case: " + text.length() + " chars");
        assertThat(text.length()).isBetween(230, 245);
        assertThat(codec.decode(text, host)).isEqualTo(token);
    }
}
