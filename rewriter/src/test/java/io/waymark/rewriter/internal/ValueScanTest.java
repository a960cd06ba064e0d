package io.waymark.rewriter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ValueScanTest {

    private static final String MARK_CHARS = "{|}[\\]%";

    /** The definition: one byte at a time. */
    private static int reference(byte[] bytes, int length) {
        int found = 0;
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xff;
            if (b < 0x21 || b > 0x7e) {
                found |= ValueScan.OUTSIDE;
            }
            if (b == '&') {
                found |= ValueScan.AMPERSAND;
            }
            if (MARK_CHARS.indexOf(b) >= 0) {
                found |= ValueScan.MARK;
            }
        }
        return found;
    }

    private static int scan(byte[] value) {
        byte[] bytes = new byte[ValueScan.capacity(value.length)];
        System.arraycopy(value, 0, bytes, 0, value.length);
        return ValueScan.scan(bytes, value.length);
    }

    @Test
    void everyByteValueAtEveryPositionOfThreeWordsAgreesWithTheDefinition() {
        for (int length = 1; length <= 24; length++) {
            for (int at = 0; at < length; at++) {
                for (int b = 0; b < 256; b++) {
                    for (byte fill : new byte[] {'a', '~', '!', (byte) 0xff, 0x00, '%'}) {
                        byte[] value = new byte[length];
                        java.util.Arrays.fill(value, fill);
                        value[at] = (byte) b;
                        assertThat(scan(value)).as("length %d, byte 0x%02x at %d in 0x%02x", length, b, at, fill & 0xff)
                                .isEqualTo(reference(value, length));
                    }
                }
            }
        }
    }

    @Test
    void randomValuesAgreeWithTheDefinition() {
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "abcxyz0189-._~:/?#@!$'()*+,;=" + MARK_CHARS + "& \t\n\u007f";
        for (int n = 0; n < 200_000; n++) {
            int length = random.nextInt(1, 70);
            byte[] value = new byte[length];
            for (int i = 0; i < length; i++) {
                value[i] = random.nextInt(10) == 0 ? (byte) random.nextInt(256)
                        : (byte) alphabet.charAt(random.nextInt(alphabet.length()));
            }
            assertThat(scan(value)).isEqualTo(reference(value, length));
        }
    }

    @Test
    void paddingIsWrittenAfterTheValueAndCountsForNothing() {
        byte[] bytes = new byte[16];
        java.util.Arrays.fill(bytes, (byte) '&');
        byte[] url = "https://a.b/".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(url, 0, bytes, 0, url.length);
        assertThat(ValueScan.scan(bytes, url.length)).isZero();
        assertThat(bytes[url.length]).isEqualTo(ValueScan.PADDING);
    }

    @Test
    void everyPlaceholderMarkHasACharacterTheScanLooksFor() {
        for (String mark : LinkPolicy.PLACEHOLDER_MARKS) {
            String url = "https://shop.example/p?x=" + mark;
            assertThat(LinkPolicy.placeholder(url)).as(mark).isTrue();
            assertThat(scan(url.getBytes(StandardCharsets.US_ASCII)) & ValueScan.MARK).as(mark).isNotZero();
        }
    }
}
