package io.waymark.common.token.internal;

import io.waymark.common.token.TokenException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 decoding that refuses malformed input instead of substituting U+FFFD. */
final class StrictUtf8 {

    // CharsetDecoder is stateful and not thread-safe; one per thread avoids an allocation per field.
    private static final ThreadLocal<CharsetDecoder> DECODERS = ThreadLocal.withInitial(() ->
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));

    private StrictUtf8() {
    }

    static String decode(byte[] bytes) throws TokenException {
        try {
            return DECODERS.get().reset().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw PayloadReader.malformed("invalid UTF-8");
        }
    }
}
