package io.waymark.common.token.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PackedUrlCacheTest {

    private static final String URL = "https://www.acme-stores.com/collections/winter-sale/products/merino-sweater?ref=nl";

    @Test
    void aRepeatedUrlIsPackedOnce() {
        // Given
        PackedUrlCache cache = new PackedUrlCache(10, 512, Runnable::run);

        // When
        UrlPacking.Packed first = cache.pack(URL);
        UrlPacking.Packed second = cache.pack(URL);

        // Then
        assertThat(second).isSameAs(first);
        assertThat(first.deflated()).isTrue();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aFloodOfUniqueUrlsStaysWithinTheEntryBound() {
        // Given
        PackedUrlCache cache = new PackedUrlCache(100, 512, Runnable::run);

        // When
        for (int i = 0; i < 10_000; i++) {
            cache.pack(URL + "&u=" + i);
        }

        // Then
        assertThat(cache.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void urlsSharingAFrontSetEachGetTheirOwnPacking() {
        // Given a cache whose front table is a single set
        PackedUrlCache cache = new PackedUrlCache(1, 512, Runnable::run);
        List<String> urls = java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(i -> URL + "&page=" + i).toList();

        // When more URLs than ways take turns in that set
        for (int round = 0; round < 3; round++) {
            for (String url : urls) {
                UrlPacking.Packed packed = cache.pack(url);

                // Then each is always packed as on its own
                assertThat(packed.bytes()).isEqualTo(UrlPacking.pack(url).bytes());
                assertThat(cache.pack(url)).isSameAs(packed);
            }
        }
        assertThat(cache.size()).isLessThanOrEqualTo(1);
    }

    @Test
    void urlsLongerThanTheCapArePackedButNotStored() {
        // Given
        PackedUrlCache cache = new PackedUrlCache(100, URL.length() - 1, Runnable::run);

        // When
        UrlPacking.Packed packed = cache.pack(URL);

        // Then
        assertThat(cache.size()).isZero();
        assertThat(packed.bytes()).isEqualTo(UrlPacking.pack(URL).bytes());
    }
}
