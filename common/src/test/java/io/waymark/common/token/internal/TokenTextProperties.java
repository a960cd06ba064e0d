package io.waymark.common.token.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class TokenTextProperties {

    @Property(tries = 1000)
    void encodingIntoAByteArrayEqualsTheJdkBase64Url(@ForAll @Size(max = 300) byte[] bytes,
                                                     @ForAll @IntRange(max = 7) int slack) throws Exception {
        // Given the JDK's encoder as the reference
        String reference = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        // When the bytes are encoded into a byte array that may be larger than needed
        byte[] out = new byte[TokenText.encodedLength(bytes.length) + slack];
        int length = TokenText.encodeTo(bytes, out);

        // Then the text is the reference, of the announced length, and decodes back
        assertThat(new String(out, 0, length, StandardCharsets.US_ASCII)).isEqualTo(reference);
        assertThat(length).isEqualTo(TokenText.encodedLength(bytes.length));
        assertThat(TokenText.decode(reference)).isEqualTo(bytes);
    }
}
