package io.waymark.common.token.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Bounded memo of {@link UrlPacking#pack} results. Packing a URL means a level-9 deflate attempt
 * with the preset dictionary, several times the cost of the HMAC; a campaign signs the same few
 * URLs for every recipient and link, so nearly every call is a hit. The key is the URL alone:
 * the dictionary and deflater settings are fixed by the format version, so equal URLs always
 * pack to equal bytes. Bounded by entry count, and URLs longer than a cap are packed but never
 * stored, so a flood of unique or huge URLs cannot grow memory beyond about
 * {@code 3 * maxEntries * (maxUrlChars + packed bytes)} (the front's slots plus Caffeine's
 * entries). The cached byte arrays are shared and must only be read.
 *
 * <p>Two levels. In front, an eight-way set-associative table of twice {@code maxEntries} slots
 * (a power of two, at most 16 384) indexed by a cheap four-lane hash of the URL: a hit costs that
 * hash, a scan of the set's eight hashes (one cache line) and a {@code String.equals}. The
 * rewriter's URLs are fresh strings, so {@code String.hashCode} (a serial multiply chain, ~4
 * cycles a character) and Caffeine's read bookkeeping would cost more than the HMAC. Twice the
 * slots and eight ways keep a working set of {@code maxEntries} URLs nearly free of evictions
 * (two ways lost ~10 % of a 5 000-URL working set to full sets, four ways ~1 %, and each miss
 * costs a Caffeine read, several times a hit); when a set is full, each URL always evicts the
 * same way (three hash bits), so URLs taking turns cannot evict each other in a
 * cycle. Behind it,
 * Caffeine (size-bounded, frequency-aware eviction) keeps a campaign's URLs when a flood of unique
 * ones overwrites front slots. Front slots hold immutable entries and are written without locks:
 * a lost race only costs a later miss.
 *
 * <p>Every URL goes through the packer before it is stored, and a URL the packer refuses (it
 * throws) is never stored; so when the packer also checks what the URL may contain, a hit is a
 * URL that was checked before, and the caller need not scan it again.
 */
public final class PackedUrlCache {

    private static final int MAX_FRONT_SLOTS = 16_384;

    private final Cache<String, UrlPacking.Packed> cache;
    private final Function<String, UrlPacking.Packed> packer;
    private final int maxUrlChars;
    private static final int WAYS = 8;

    private final Entry[] front;
    // the entries' hashes side by side, so a lookup reads one cache line, not four entries
    private final int[] frontHashes;
    private final int setMask;

    /**
     * @param maxEntries  most URLs kept (Caffeine's size eviction decides which go)
     * @param maxUrlChars longest URL that is stored
     * @param executor    runs Caffeine's maintenance (eviction); {@code Runnable::run} in tests
     */
    public PackedUrlCache(int maxEntries, int maxUrlChars, Executor executor) {
        this(maxEntries, maxUrlChars, executor, UrlPacking::pack);
    }

    /**
     * As {@link #PackedUrlCache(int, int, Executor)}, packing with {@code packer}: a URL it
     * refuses with an exception is not stored, and the exception reaches the caller of {@link #pack}.
     */
    public PackedUrlCache(int maxEntries, int maxUrlChars, Executor executor,
                          Function<String, UrlPacking.Packed> packer) {
        this.packer = java.util.Objects.requireNonNull(packer, "packer");
        if (maxEntries < 0 || maxUrlChars < 0) {
            throw new IllegalArgumentException("maxEntries and maxUrlChars must be >= 0");
        }
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).executor(executor).build();
        this.maxUrlChars = maxUrlChars;
        int slots = maxEntries == 0 ? 0
                : Math.max(WAYS, 2 * Integer.highestOneBit(Math.min(maxEntries, MAX_FRONT_SLOTS / 2)));
        this.front = new Entry[slots];
        this.frontHashes = new int[slots];
        this.setMask = slots / WAYS - 1;
    }

    /** The packer's result for {@code url}, from the cache when present. */
    public UrlPacking.Packed pack(String url) {
        if (url.length() > maxUrlChars) {
            return packer.apply(url);
        }
        if (front.length == 0) {
            return cache.get(url, packer);
        }
        int hash = quickHash(url);
        int first = (hash & setMask) * WAYS;
        int free = -1;
        for (int slot = first; slot < first + WAYS; slot++) {
            if (frontHashes[slot] == hash) {
                // the hash and the entry are written separately: only the entry's own URL counts
                Entry entry = front[slot];
                if (entry != null && entry.url.equals(url)) {
                    return entry.packed;
                }
            }
            if (free < 0 && front[slot] == null) {
                free = slot;
            }
        }
        UrlPacking.Packed packed = cache.get(url, packer);
        int slot = free >= 0 ? free : first + (hash >>> 29);
        front[slot] = new Entry(url, packed);
        frontHashes[slot] = hash;
        return packed;
    }

    /** Entries held by the bounded cache behind the front table, after pending evictions have run. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Four independent multiply chains instead of one: a quarter of String.hashCode's latency. */
    static int quickHash(String s) {
        int n = s.length();
        int h0 = n;
        int h1 = 0;
        int h2 = 0;
        int h3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            h0 = 31 * h0 + s.charAt(i);
            h1 = 31 * h1 + s.charAt(i + 1);
            h2 = 31 * h2 + s.charAt(i + 2);
            h3 = 31 * h3 + s.charAt(i + 3);
        }
        for (; i < n; i++) {
            h0 = 31 * h0 + s.charAt(i);
        }
        int h = h0 * 0x9E3779B9 + h1 * 0x85EBCA6B + h2 * 0xC2B2AE35 + h3 * 0x27D4EB2F;
        return h ^ (h >>> 16);
    }

    /** One front slot; final fields, so a reader that sees the entry sees all of it. */
    private static final class Entry {
        final String url;
        final UrlPacking.Packed packed;

        Entry(String url, UrlPacking.Packed packed) {
            this.url = url;
            this.packed = packed;
        }
    }
}
