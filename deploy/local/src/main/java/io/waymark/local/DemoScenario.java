package io.waymark.local;

import io.waymark.eventsink.StoredEvent;
import io.waymark.local.internal.DemoEvents;
import io.waymark.local.internal.DemoKafka;
import io.waymark.local.internal.DemoMail;
import io.waymark.local.internal.EdgeClient;
import io.waymark.local.internal.PemFiles;
import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import io.waymark.schemas.OutboundMessage;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The demo, against a running local stack: HTTPS is enabled for two sending domains, Pebble
 * issues their certificates over HTTP-01, a real TLS client (SNI, Pebble's root only, host name
 * verified) completes a handshake with the edge for each tracking host, the sample newsletter
 * sent for an enabled domain comes out of the rewriter with {@code https://} links and for a
 * domain that is not enabled with {@code http://} ones, a link is followed over HTTPS to a 302
 * with the original URL, the open pixel is fetched, and the click and the open are read back from
 * Cassandra with the event-sink's {@code EventQueries}. Each step is printed with its time and
 * PASS/FAIL; the first failure ends the run.
 */
public final class DemoScenario {

    /** The enabled demo domains and their tracking hosts. */
    public static final Map<String, String> ENABLED = orderedOf(
            "demo-one.test", "email.demo-one.test",
            "demo-two.test", "email.demo-two.test");
    /** A domain that is never enabled: its links stay {@code http://}. */
    public static final String NOT_ENABLED = "demo-three.test";

    private static final String SENDER = "demo-one.test";
    private static final String RECIPIENT = "sam.reader@example.net";
    private static final String CLICKED_LINK = "spring-sale";
    private static final Duration ISSUE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration REWRITE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(60);

    private final LocalEndpoints endpoints;
    private final PrintStream out;
    private final List<DemoStep> steps = new ArrayList<>();

    private final String messageId = "demo-" + UUID.randomUUID();
    private List<String> originalLinks = List.of();
    private List<String> enabledLinks = List.of();
    private List<String> enabledPixels = List.of();
    private List<String> plainLinks = List.of();
    private String clickedUrl;
    private String expectedLocation;
    private EdgeClient.Response click;
    private List<StoredEvent> stored = List.of();

    public DemoScenario(LocalEndpoints endpoints, PrintStream out) {
        this.endpoints = endpoints;
        this.out = out;
    }

    /** Runs every step until one fails. */
    public DemoReport run() {
        List<X509Certificate> roots = PemFiles.read(endpoints.acmeRootsPem());
        EdgeClient edge = new EdgeClient(endpoints.edgeHttpsPort(), roots);
        out.printf(Locale.ROOT, "%nDemo (TLS to the edge: connecting to 127.0.0.1:%d with the tracking host as SNI"
                + " and Host, like curl --connect-to; trusting only Pebble's root from %s)%n",
                endpoints.edgeHttpsPort(), endpoints.acmeRootsPem());
        try (DemoKafka kafka = new DemoKafka(endpoints.kafkaBootstrapServers(), endpoints.topicPrefix())) {
            boolean ok = step("enable HTTPS for " + String.join(", ", ENABLED.keySet()), () -> {
                ENABLED.forEach(kafka::enableHttps);
                return "ENABLE_HTTPS published to domain-events";
            }) && step("certificates issued by Pebble over HTTP-01", () -> issued(kafka));
            for (String host : ENABLED.values()) {
                ok = ok && step("TLS handshake with " + host + " verifies against Pebble's root",
                        () -> describe(edge.handshake(host)));
            }
            ok = ok && step("newsletter for " + SENDER + " (enabled) gets https:// links", () -> {
                OutboundMessage rewritten = rewrite(kafka, messageId, SENDER);
                enabledLinks = DemoMail.links(bytes(rewritten));
                enabledPixels = DemoMail.pixels(bytes(rewritten));
                originalLinks = DemoMail.links(DemoMail.newsletter(SENDER, RECIPIENT, messageId));
                return expectLinks(enabledLinks, enabledPixels, "https://" + ENABLED.get(SENDER));
            }) && step("newsletter for " + NOT_ENABLED + " (not enabled) gets http:// links", () -> {
                OutboundMessage rewritten = rewrite(kafka, "demo-" + UUID.randomUUID(), NOT_ENABLED);
                plainLinks = DemoMail.links(bytes(rewritten));
                return expectLinks(plainLinks, DemoMail.pixels(bytes(rewritten)), "http://email." + NOT_ENABLED);
            }) && step("click over HTTPS answers 302 to the original URL", () -> follow(edge))
                    && step("open pixel over HTTPS answers 200 with an image", () -> open(edge))
                    && step("click and open stored in Cassandra (events list)", this::readBack);
            out.printf(Locale.ROOT, "%nDemo %s: %d of %d steps passed%n", ok ? "PASSED" : "FAILED",
                    steps.stream().filter(DemoStep::passed).count(), steps.size());
        }
        return new DemoReport(steps, messageId, enabledLinks, enabledPixels, plainLinks, originalLinks, clickedUrl,
                click == null ? 0 : click.status(), click == null ? null : click.header("location"),
                expectedLocation, stored);
    }

    private String issued(DemoKafka kafka) {
        Map<String, DomainStatus> statuses = kafka.awaitIssued(Set.copyOf(ENABLED.keySet()), ISSUE_TIMEOUT);
        StringBuilder detail = new StringBuilder();
        for (String domain : ENABLED.keySet()) {
            DomainStatus status = statuses.get(domain);
            if (status == null || status.getState() != DomainState.ISSUED) {
                throw new IllegalStateException(domain + " is " + (status == null ? "without status"
                        : status.getState() + (status.getReason() == null ? "" : ": " + status.getReason()))
                        + " after " + ISSUE_TIMEOUT.toSeconds() + " s (see logs/provisioner.log)");
            }
            detail.append(detail.length() == 0 ? "" : "; ").append(domain).append(" ISSUED, valid until ")
                    .append(status.getNotAfter());
        }
        return detail.toString();
    }

    private static String describe(EdgeClient.Handshake handshake) {
        return handshake.protocol() + ", certificate " + handshake.leaf().getSubjectX500Principal().getName()
                + " issued by " + handshake.leaf().getIssuerX500Principal().getName() + ", chain of "
                + handshake.chainLength();
    }

    private OutboundMessage rewrite(DemoKafka kafka, String id, String domain) {
        kafka.send(id, domain, RECIPIENT, DemoMail.newsletter(domain, RECIPIENT, id));
        return kafka.awaitRewritten(id, REWRITE_TIMEOUT).orElseThrow(() -> new IllegalStateException(
                "message " + id + " did not reach outbound-tracked within " + REWRITE_TIMEOUT.toSeconds()
                        + " s (see logs/rewriter.log)"));
    }

    private static String expectLinks(List<String> links, List<String> pixels, String base) {
        List<String> tracked = links.stream().filter(link -> link.startsWith(base + "/c/")).toList();
        List<String> otherTracking = links.stream()
                .filter(link -> link.contains("/c/") && !link.startsWith(base + "/c/")).toList();
        if (tracked.isEmpty() || !otherTracking.isEmpty()) {
            throw new IllegalStateException("expected links through " + base + "/c/, got " + links);
        }
        if (pixels.size() != 1 || !pixels.get(0).startsWith(base + "/o/")) {
            throw new IllegalStateException("expected one open pixel " + base + "/o/..., got " + pixels);
        }
        return tracked.size() + " of " + links.size() + " links now " + base + "/c/…, pixel " + base + "/o/…"
                + " (mailto, opted-out and unsubscribe links left alone)";
    }

    private String follow(EdgeClient edge) throws Exception {
        int index = -1;
        for (int i = 0; i < originalLinks.size() && i < enabledLinks.size(); i++) {
            if (originalLinks.get(i).contains(CLICKED_LINK)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new IllegalStateException("the newsletter has no '" + CLICKED_LINK + "' link");
        }
        clickedUrl = enabledLinks.get(index);
        expectedLocation = originalLinks.get(index);
        click = edge.get(URI.create(clickedUrl));
        String location = click.header("location");
        if (click.status() != 302 || !expectedLocation.equals(location)) {
            throw new IllegalStateException("GET " + clickedUrl + " answered " + click.status() + " Location "
                    + location + ", expected 302 to " + expectedLocation);
        }
        return "GET " + abbreviate(clickedUrl) + " → 302 Location: " + location;
    }

    private String open(EdgeClient edge) throws Exception {
        EdgeClient.Response pixel = edge.get(URI.create(enabledPixels.get(0)));
        String type = pixel.header("content-type");
        if (pixel.status() != 200 || type == null || !type.startsWith("image/")) {
            throw new IllegalStateException("GET pixel answered " + pixel.status() + " " + type);
        }
        return "GET " + abbreviate(enabledPixels.get(0)) + " → 200 " + type + ", " + pixel.body().length + " bytes";
    }

    private String readBack() {
        stored = DemoEvents.awaitClickAndOpen(endpoints, messageId, Instant.now().minus(Duration.ofHours(1)),
                STORE_TIMEOUT);
        StringBuilder detail = new StringBuilder("events of message " + messageId + ":");
        for (StoredEvent event : stored) {
            detail.append("\n             ").append(event.kind()).append(' ').append(event.occurredAt()).append(' ')
                    .append(event.trackingHost())
                    .append(event.linkIndex() == null ? "" : " link " + event.linkIndex())
                    .append(event.url() == null ? "" : " " + event.url());
        }
        return detail.toString();
    }

    private boolean step(String title, Callable<String> action) {
        long begin = System.nanoTime();
        String detail;
        boolean passed;
        try {
            detail = action.call();
            passed = true;
        } catch (Exception e) {
            detail = e.getMessage() == null ? e.toString() : e.getMessage();
            passed = false;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        steps.add(new DemoStep(title, passed, took, detail));
        out.printf(Locale.ROOT, "  %s %5.1f s  %s%n             %s%n", passed ? "PASS" : "FAIL",
                took.toMillis() / 1000.0, title, detail);
        out.flush();
        return passed;
    }

    private static byte[] bytes(OutboundMessage message) {
        ByteBuffer raw = message.getRaw().duplicate();
        byte[] bytes = new byte[raw.remaining()];
        raw.get(bytes);
        return bytes;
    }

    private static Map<String, String> orderedOf(String... domainsAndHosts) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < domainsAndHosts.length; i += 2) {
            map.put(domainsAndHosts[i], domainsAndHosts[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    private static String abbreviate(String url) {
        return url.length() <= 72 ? url : url.substring(0, 69) + "…";
    }
}
