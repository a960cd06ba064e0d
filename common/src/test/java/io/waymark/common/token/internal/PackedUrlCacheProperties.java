package io.waymark.common.token.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PackedUrlCacheProperties {

    // Small on purpose, so that hits, misses and evictions all happen within one try.
    private final PackedUrlCache cache = new PackedUrlCache(8, 300, Runnable::run);

    @Property(tries = 300)
    void cachedPackingIsIdenticalToUncachedPacking(@ForAll("urlLists") List<String> urls) {
        for (int round = 0; round < 2; round++) {
            for (String url : urls) {
                // When
                UrlPacking.Packed cached = cache.pack(url);
                UrlPacking.Packed fresh = UrlPacking.pack(url);

                // Then
                assertThat(cached.scheme()).isEqualTo(fresh.scheme());
                assertThat(cached.deflated()).isEqualTo(fresh.deflated());
                assertThat(cached.bytes()).isEqualTo(fresh.bytes());
            }
        }
        assertThat(cache.size()).isLessThanOrEqualTo(8);
    }

    @Provide
    Arbitrary<List<String>> urlLists() {
        return urls().list().ofMinSize(1).ofMaxSize(30);
    }

    private static Arbitrary<String> urls() {
        // Few distinct paths so that lists repeat URLs, as a campaign does.
        Arbitrary<String> scheme = Arbitraries.of("https://", "http://", "", "HTTPS://");
        Arbitrary<String> path = Arbitraries.oneOf(
                Arbitraries.of("www.acme-stores.com/products/sweater?utm_source=newsletter&utm_medium=email",
                        "example.com/", "shop.example.org/cart?id=42"),
                Arbitraries.strings().withCharRange('!', '~').withChars("éü€").ofMaxLength(320));
        return scheme.flatMap(s -> path.map(p -> s + p));
    }
}
