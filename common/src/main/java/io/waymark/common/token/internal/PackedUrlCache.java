package io.waymark.common.token.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.Executor;

/**
 * Bounded memo of {@link UrlPacking#pack} results. Packing a URL means a level-9 deflate attempt
 * with the preset dictionary, several times the cost of the HMAC; a campaign signs the same few
 * URLs for every recipient and link, so nearly every call is a hit. The key is the URL alone:
 * the dictionary and deflater settings are fixed by the format version, so equal URLs always
 * pack to equal bytes. Bounded by entry count, and URLs longer than a cap are packed but never
 * stored, so a flood of unique or huge URLs cannot grow memory beyond
 * {@code maxEntries * (maxUrlChars + packed bytes)}. The cached byte arrays are shared and must
 * only be read.
 */
public final class PackedUrlCache {

    private final Cache<String, UrlPacking.Packed> cache;
    private final int maxUrlChars;

    /**
     * @param maxEntries  most URLs kept (Caffeine's size eviction decides which go)
     * @param maxUrlChars longest URL that is stored
     * @param executor    runs Caffeine's maintenance (eviction); {@code Runnable::run} in tests
     */
    public PackedUrlCache(int maxEntries, int maxUrlChars, Executor executor) {
        if (maxEntries < 0 || maxUrlChars < 0) {
            throw new IllegalArgumentException("maxEntries and maxUrlChars must be >= 0");
        }
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).executor(executor).build();
        this.maxUrlChars = maxUrlChars;
    }

    /** {@link UrlPacking#pack(String)} of {@code url}, from the cache when present. */
    public UrlPacking.Packed pack(String url) {
        if (url.length() > maxUrlChars) {
            return UrlPacking.pack(url);
        }
        return cache.get(url, UrlPacking::pack);
    }

    /** Entries held after pending evictions have run. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
