package io.waymark.edge.internal;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AsyncMapping;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.waymark.common.host.Hostname;
import io.waymark.common.seal.KeySealer;
import io.waymark.common.seal.SealException;
import io.waymark.common.seal.SealedKey;
import io.waymark.schemas.CertificateRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The edge's view of the {@code certificates} topic and the SNI lookup on top of it.
 *
 * <p>The index holds the sealed records (a few KB each, no plaintext keys) for every host. A key
 * is opened only when a handshake first asks for its host; the built {@link SslContext} then
 * lives in a bounded Caffeine LRU keyed by host and record version, so a renewed record (higher
 * version) is simply a cache miss for the next handshake, and connections already open keep the
 * context they started with. A tombstone removes the host from the index and the cache.
 *
 * <p>The lookup is an {@link AsyncMapping} for Netty's {@code SniHandler}: a cached context
 * completes the promise on the event loop at once; a cold host is opened and built on a separate
 * executor so no event loop waits on AES-GCM, key parsing and BoringSSL context set-up.
 */
public final class CertificateStore implements AsyncMapping<String, SslContext> {

    private static final Logger LOGGER = LoggerFactory.getLogger(CertificateStore.class);

    /** Failure for a missing or unknown name; preallocated because it is the fast path. */
    public static final UnknownServerNameException UNKNOWN = new UnknownServerNameException("unknown");
    public static final UnknownServerNameException MISSING = new UnknownServerNameException("missing");

    private record ContextKey(String host, long version) { }

    /**
     * A build outcome. A record whose key does not open stays a cached failure until a newer
     * version arrives, so a broken host costs one lookup per handshake, not one AES-GCM attempt.
     */
    private record Built(SslContext context, UnknownServerNameException failure) { }

    private final Map<String, CertificateRecord> index = new ConcurrentHashMap<>();
    private final AsyncCache<ContextKey, Built> contexts;
    private final KeySealer sealer;
    private final TlsContextFactory factory;
    private final EdgeMetrics metrics;

    public CertificateStore(KeySealer sealer, TlsContextFactory factory, int cacheSize, Executor buildExecutor, EdgeMetrics metrics) {
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.metrics = metrics;
        this.contexts = Caffeine.newBuilder().maximumSize(cacheSize).executor(buildExecutor).buildAsync();
        metrics.gauge("certificates_indexed", "hosts in the certificate index", index::size);
        metrics.gauge("tls_contexts_cached", "built TLS contexts in the LRU", () -> contexts.synchronous().estimatedSize());
    }

    /** Applies one record of the topic: newer version replaces, stale is ignored, null removes. */
    public void apply(String key, CertificateRecord value) {
        String host = normalise(key);
        if (host == null) {
            metrics.certificate("bad_key");
            return;
        }
        if (value == null) {
            CertificateRecord removed = index.remove(host);
            if (removed != null) {
                contexts.synchronous().invalidate(new ContextKey(host, removed.getVersion()));
            }
            metrics.certificate("removed");
            LOGGER.atInfo().addKeyValue("sniHost", host).log("certificate removed");
            return;
        }
        if (!host.equals(normalise(value.getTrackingHost()))) {
            metrics.certificate("host_mismatch");
            return;
        }
        CertificateRecord previous = index.get(host);
        if (previous != null && previous.getVersion() >= value.getVersion()) {
            metrics.certificate("stale");
            return;
        }
        index.put(host, value);
        if (previous != null) {
            contexts.synchronous().invalidate(new ContextKey(host, previous.getVersion()));
        }
        metrics.certificate("applied");
        LOGGER.atDebug().addKeyValue("sniHost", host).addKeyValue("version", value.getVersion())
                .addKeyValue("serial", value.getSerialHex()).log("certificate indexed");
    }

    /** Number of hosts in the index. */
    public int size() {
        return index.size();
    }

    /** The current sealed record of {@code host}, if any (diagnostics, tests). */
    public CertificateRecord record(String host) {
        return index.get(host);
    }

    @Override
    public Future<SslContext> map(String input, Promise<SslContext> promise) {
        if (input == null) {
            return promise.setFailure(MISSING);
        }
        String host = normalise(input);
        CertificateRecord record = host == null ? null : index.get(host);
        if (record == null) {
            return promise.setFailure(UNKNOWN);
        }
        CompletableFuture<Built> future = contexts.get(new ContextKey(host, record.getVersion()),
                (k, executor) -> CompletableFuture.supplyAsync(() -> build(k.host(), record), executor));
        Built ready = future.getNow(null);
        if (ready != null) {
            return complete(promise, ready);
        }
        future.whenComplete((built, error) -> {
            if (error == null) {
                complete(promise, built);
            } else {
                promise.tryFailure(error);
            }
        });
        return promise;
    }

    private static Promise<SslContext> complete(Promise<SslContext> promise, Built built) {
        if (built.context() != null) {
            promise.trySuccess(built.context());
        } else {
            promise.tryFailure(built.failure());
        }
        return promise;
    }

    private Built build(String host, CertificateRecord record) {
        byte[] pkcs8 = null;
        try {
            var sealed = record.getSealedKey();
            SealedKey key = SealedKey.fromParts(sealed.getKeyId(), bytes(sealed.getNonce()), bytes(sealed.getCiphertext()));
            pkcs8 = sealer.open(key, Hostname.parse(host));
            SslContext context = factory.build(record.getCertificateChainPem(), pkcs8, sealed.getAlgorithm());
            metrics.certificate("opened");
            return new Built(context, null);
        } catch (SealException e) {
            metrics.certificate("seal_" + e.reason().name().toLowerCase(Locale.ROOT));
            LOGGER.atError().addKeyValue("sniHost", host).addKeyValue("reason", e.reason())
                    .log("sealed key does not open; host cannot be served");
            return new Built(null, new UnknownServerNameException("unopenable"));
        } catch (Exception e) {
            metrics.certificate("unusable");
            LOGGER.atError().addKeyValue("sniHost", host).addKeyValue("error", e.toString())
                    .log("certificate cannot be used; host cannot be served");
            return new Built(null, new UnknownServerNameException("unusable"));
        } finally {
            if (pkcs8 != null) {
                java.util.Arrays.fill(pkcs8, (byte) 0);
            }
        }
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        java.nio.ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Canonical host or null; SNI names are ASCII already, so this is cheap. */
    static String normalise(String name) {
        try {
            return Hostname.parse(name).ascii();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
