package io.waymark.common.token.internal;

import static org.assertj.core.api.Assertions.assertThat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class PrecomputedHmacProperties {

    @Property(tries = 500)
    void equalsTheJdkHmacForAnyKeyAndMessages(@ForAll @Size(min = 1, max = 200) byte[] key,
                                              @ForAll @Size(max = 400) byte[] first,
                                              @ForAll @Size(max = 400) byte[] second) throws Exception {
        // Given the JDK's HMAC-SHA256 as the reference
        Mac reference = Mac.getInstance("HmacSHA256");
        reference.init(new SecretKeySpec(key, "HmacSHA256"));
        PrecomputedHmac hmac = new PrecomputedHmac(key);

        // When one instance computes two messages in a row
        byte[] out = new byte[PrecomputedHmac.LENGTH + 3];
        hmac.update(first, 0, first.length);
        hmac.finish(out, 3);
        byte[] firstTag = java.util.Arrays.copyOfRange(out, 3, out.length);
        hmac.update((byte) 7);
        hmac.update(second, 0, second.length);
        hmac.finish(out, 0);

        // Then both equal the reference (the second one is not polluted by the first)
        assertThat(firstTag).isEqualTo(reference.doFinal(first));
        reference.update((byte) 7);
        assertThat(java.util.Arrays.copyOf(out, PrecomputedHmac.LENGTH)).isEqualTo(reference.doFinal(second));
    }
}
