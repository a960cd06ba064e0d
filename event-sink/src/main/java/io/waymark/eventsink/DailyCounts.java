package io.waymark.eventsink;

import java.time.LocalDate;

/**
 * Exact totals of one sending domain on one UTC day, computed by {@link EventQueries#dailyCounts}
 * from the one-row-per-event and one-row-per-recipient tables: replays cannot inflate them.
 *
 * @param opens          OPEN events (bots included)
 * @param clicks         CLICK events (bots included)
 * @param botOpens       OPEN events flagged as automated
 * @param botClicks      CLICK events flagged as automated
 * @param uniqueOpens    distinct (message, recipient) pairs with at least one OPEN that day
 * @param uniqueClicks   distinct (message, recipient) pairs with at least one CLICK that day
 */
public record DailyCounts(String sendingDomain, LocalDate day, long opens, long clicks, long botOpens,
                          long botClicks, long uniqueOpens, long uniqueClicks) {
}
