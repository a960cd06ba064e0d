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
    void aUrlThePackerRefusesIsNeverStoredAndIsRefusedEachTime() {
        // Given a packer that refuses URLs with a space, and counts its calls
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        PackedUrlCache cache = new PackedUrlCache(10, 512, Runnable::run, url -> {
            calls.incrementAndGet();
            if (url.indexOf(' ') >= 0) {
                throw new IllegalArgumentException("space in " + url);
            }
            return UrlPacking.pack(url);
        });

        // When
        cache.pack(URL);
        cache.pack(URL);
        for (int i = 0; i < 3; i++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> cache.pack(URL + " x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("space");
        }

        // Then the good URL was packed once, the refused one asked about every time, never stored
        assertThat(calls.get()).isEqualTo(1 + 3);
        assertThat(cache.size()).isEqualTo(1);
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

    @Test
    void similarUrlsSpreadOverTheFrontSetsAndEqualUrlsHashEqual() {
        // Given URLs that differ in one place only: the end, the middle, one char of a long path
        java.util.List<String> urls = new java.util.ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            urls.add("https://shop.example/products/item?utm_source=newsletter&utm_content=grid-" + i);
            urls.add("https://shop.example/products/" + i + "/buy?utm_source=newsletter&utm_medium=email&qty=1");
        }
        for (int i = 0; i < 26; i++) {
            urls.add("https://shop.example/" + "a".repeat(40) + (char) ('a' + i) + "b".repeat(40));
        }

        // When they are hashed into 1024 sets, as a front table of 8192 slots indexes them
        int[] sets = new int[1024];
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        for (String url : urls) {
            int hash = PackedUrlCache.quickHash(url);
            sets[hash & 1023]++;
            hashes.add(hash);
            assertThat(PackedUrlCache.quickHash(new String(url.toCharArray()))).isEqualTo(hash);
        }

        // Then no set gets more than three times its share (8 a set; a random hash gives 18-21 at most)
        // and nearly all hashes differ
        assertThat(java.util.Arrays.stream(sets).max().getAsInt()).isLessThanOrEqualTo(24);
        assertThat(hashes.size()).isGreaterThan(urls.size() - 8);
        // and a non-Latin-1 URL hashes the same each time too
        assertThat(PackedUrlCache.quickHash("https://bücher.example/日本")).isEqualTo(
                PackedUrlCache.quickHash(new String("https://bücher.example/日本".toCharArray())));
    }
}
