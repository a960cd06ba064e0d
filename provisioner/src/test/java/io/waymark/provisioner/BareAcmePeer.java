package io.waymark.provisioner;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.waymark.embedded.AcmeServer;
import io.waymark.embedded.TrustingAcmeProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Security;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * The benchmark's peer: the same issuance done with acme4j alone, in memory, against the same
 * Pebble — new order, HTTP-01 answered from a map, trigger, poll every 50 ms (or Retry-After),
 * P-256 key, finalize, download. No Kafka, no self-check, no sealing. The ratio of the
 * provisioner's latency to this is what the provisioner adds.
 */
final class BareAcmePeer implements AutoCloseable {

    private static final Duration MIN_POLL = Duration.ofMillis(50);

    private static final String PREFIX = "/.well-known/acme-challenge/";

    private final HttpServer responder;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Account account;

    BareAcmePeer(AcmeServer acme) throws Exception {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        responder = HttpServer.create(new InetSocketAddress("127.0.0.1", acme.http01Port()), 64);
        responder.setExecutor(Executors.newFixedThreadPool(4));
        responder.createContext(PREFIX, exchange -> {
            String answer = answers.getOrDefault(exchange.getRequestURI().getPath().substring(PREFIX.length()), "");
            byte[] body = answer.getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(answer.isEmpty() ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        responder.start();
        account = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createECKeyPair("secp256r1"))
                .create(TrustingAcmeProvider.session(acme));
    }

    /** Issues a certificate for {@code host}; returns the chain length. */
    int issue(String host) throws Exception {
        Order order = account.newOrder().domain(host).create();
        for (Authorization authorization : order.getAuthorizations()) {
            Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow();
            answers.put(challenge.getToken(), challenge.getAuthorization());
            challenge.trigger();
            poll(authorization, Set.of(Status.VALID, Status.INVALID));
        }
        poll(order, Set.of(Status.READY, Status.INVALID));
        KeyPair key = KeyPairUtils.createECKeyPair("secp256r1");
        order.execute(key);
        poll(order, Set.of(Status.VALID, Status.INVALID));
        List<?> chain = order.getCertificate().getCertificateChain();
        return chain.size();
    }

    /** acme4j's own polling: fetch every 50 ms, or later when the CA's Retry-After says so. */
    private static void poll(PollableResource resource, Set<Status> until) {
        if (until.contains(resource.getStatus())) {
            return;
        }
        AtomicReference<Duration> next = new AtomicReference<>(MIN_POLL);
        await().atMost(Duration.ofMinutes(2)).pollDelay(MIN_POLL).pollInterval((count, previous) -> next.get())
                .until(() -> {
                    Optional<Instant> retryAfter = resource.fetch();
                    Duration wait = retryAfter.map(at -> Duration.between(Instant.now(), at)).orElse(MIN_POLL);
                    next.set(wait.compareTo(MIN_POLL) > 0 ? wait : MIN_POLL);
                    return until.contains(resource.getStatus());
                });
    }

    @Override
    public void close() throws IOException {
        responder.stop(0);
    }
}
