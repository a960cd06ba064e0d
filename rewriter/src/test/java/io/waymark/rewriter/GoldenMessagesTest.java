package io.waymark.rewriter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden message rewritten with placeholder tokens equals its reviewed expected output,
 * byte for byte. {@code -Dgolden.update=true} rewrites the expected files (review the diff!).
 */
class GoldenMessagesTest {

    static List<GoldenMessages> messages() {
        return GoldenMessages.all();
    }

    @Test
    void thereAreAtLeast25GoldenMessages() {
        assertThat(messages()).hasSizeGreaterThanOrEqualTo(25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void rewritesAsReviewed(GoldenMessages golden) throws Exception {
        // Given
        MessageRewriter rewriter = new MessageRewriter();

        // When
        PlaceholderSigner signer = new PlaceholderSigner();
        RewriteResult result = rewriter.rewrite(golden.input(), golden.options(), signer);

        // Then
        String urls = signer.urls.isEmpty() ? "" : String.join("\n", signer.urls) + "\n";
        if (Boolean.getBoolean("golden.update")) {
            Files.write(golden.expected(), result.message());
            Files.writeString(golden.expectedUrls(), urls);
        }
        byte[] expected = Files.readAllBytes(golden.expected());
        assertThat(new String(result.message(), StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(expected, StandardCharsets.ISO_8859_1));
        assertThat(urls).as("the URLs signed, in link order").isEqualTo(Files.readString(golden.expectedUrls()));
        assertThat(result.linksTracked()).isEqualTo(signer.urls.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void rewritingTheSameMessageTwiceGivesTheSameBytes(GoldenMessages golden) throws Exception {
        // Given
        MessageRewriter rewriter = new MessageRewriter();

        // When
        byte[] first = rewriter.rewrite(golden.input(), golden.options(), new PlaceholderSigner()).message();
        byte[] second = rewriter.rewrite(golden.input(), golden.options(), new PlaceholderSigner()).message();

        // Then
        assertThat(second).isEqualTo(first);
    }
}
