package io.waymark.eventsink;

import io.waymark.eventsink.internal.RowLayout;
import io.waymark.schemas.TrackingEvent;
import io.waymark.schemas.TrackingEventKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Deterministic tracking events for tests and the benchmark, and the rows and counts a correct
 * sink must produce from them (computed here independently of the sink's code, except for the
 * documented earliest-wins tie-break).
 */
public final class EventFixtures {

    private EventFixtures() {
    }

    /**
     * {@code count} distinct events over {@code domains} domains, spread over the last 36 hours
     * (so two UTC days), with clicks on links 0..4, about 5% bots.
     */
    public static List<TrackingEvent> generate(long seed, int count, int domains, int messages, Instant now) {
        Random random = new Random(seed);
        List<TrackingEvent> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int message = random.nextInt(messages);
            int domain = message % domains;
            boolean click = random.nextInt(3) == 0;
            int link = random.nextInt(5);
            // a few events share a millisecond to exercise the tie-break
            Instant at = now.minus(random.nextInt(36 * 3600) * 1000L + random.nextInt(3), ChronoUnit.MILLIS)
                    .truncatedTo(ChronoUnit.MILLIS);
            list.add(TrackingEvent.newBuilder()
                    .setKind(click ? TrackingEventKind.CLICK : TrackingEventKind.OPEN)
                    .setEventId(new UUID(random.nextLong(), random.nextLong()).toString())
                    .setMessageId("msg-" + seed + "-" + message)
                    .setSendingDomain("d" + domain + ".example.com")
                    .setTrackingHost("email.d" + domain + ".example.com")
                    .setRecipient("r" + random.nextInt(3) + "@example.org")
                    .setOccurredAt(at)
                    .setUrl(click ? "https://shop.example.com/p/" + link : null)
                    .setLinkIndex(click ? link : null)
                    .setUserAgent("Mozilla/5.0 (test)")
                    .setAnonymisedIp("192.0.2.0")
                    .setBot(random.nextInt(20) == 0)
                    .setEdgeNode("edge-" + (i % 3))
                    .build());
        }
        return list;
    }

    /** Expected per (domain, day) counts. */
    public static Map<String, DailyCounts> dailyCounts(Collection<TrackingEvent> events) {
        Map<String, long[]> totals = new HashMap<>();
        Map<String, Set<String>> uniques = new HashMap<>();
        for (TrackingEvent e : events) {
            LocalDate day = RowLayout.day(e.getOccurredAt());
            String key = e.getSendingDomain() + "/" + day;
            long[] t = totals.computeIfAbsent(key, k -> new long[4]);
            boolean click = e.getKind() == TrackingEventKind.CLICK;
            t[click ? 1 : 0]++;
            if (e.getBot()) {
                t[click ? 3 : 2]++;
            }
            uniques.computeIfAbsent(key + "/" + e.getKind(), k -> new HashSet<>())
                    .add(e.getMessageId() + "/" + e.getRecipient());
        }
        Map<String, DailyCounts> result = new HashMap<>();
        totals.forEach((key, t) -> {
            String[] parts = key.split("/");
            result.put(key, new DailyCounts(parts[0], LocalDate.parse(parts[1]), t[0], t[1], t[2], t[3],
                    uniques.getOrDefault(key + "/OPEN", Set.of()).size(),
                    uniques.getOrDefault(key + "/CLICK", Set.of()).size()));
        });
        return result;
    }

    /** Expected winner per "message/recipient/kind": the earliest event, ties by the tie-break. */
    public static Map<String, TrackingEvent> firstEvents(Collection<TrackingEvent> events) {
        Map<String, TrackingEvent> first = new HashMap<>();
        Comparator<TrackingEvent> order = Comparator.comparingLong(
                (TrackingEvent e) -> RowLayout.earliestWinsTimestamp(e.getOccurredAt(), e.getEventId())).reversed();
        for (TrackingEvent e : events) {
            first.merge(e.getMessageId() + "/" + e.getRecipient() + "/" + e.getKind(), e,
                    (a, b) -> order.compare(a, b) <= 0 ? a : b);
        }
        return first;
    }

    /** Expected number of first-click-per-link rows. */
    public static long firstClickLinks(Collection<TrackingEvent> events) {
        return events.stream().filter(e -> e.getKind() == TrackingEventKind.CLICK)
                .map(e -> e.getMessageId() + "/" + e.getRecipient() + "/" + e.getLinkIndex()).distinct().count();
    }

    /** Expected number of daily recipient rows. */
    public static long dailyRecipientRows(Collection<TrackingEvent> events) {
        return events.stream().map(e -> e.getSendingDomain() + "/" + RowLayout.day(e.getOccurredAt()) + "/"
                + e.getKind() + "/" + e.getMessageId() + "/" + e.getRecipient()).distinct().count();
    }
}
