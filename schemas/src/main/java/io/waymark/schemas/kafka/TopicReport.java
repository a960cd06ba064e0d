package io.waymark.schemas.kafka;

import java.util.List;

/**
 * What {@link TopicAdmin#ensure} did and found.
 *
 * @param created  topics it created
 * @param existing topics that were already there (checked for drift)
 * @param drifts   settings of existing topics that differ from the catalog; never changed automatically
 */
public record TopicReport(List<String> created, List<String> existing, List<TopicDrift> drifts) {

    public TopicReport {
        created = List.copyOf(created);
        existing = List.copyOf(existing);
        drifts = List.copyOf(drifts);
    }

    /** True when some existing topic differs from the catalog. */
    public boolean hasDrift() {
        return !drifts.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder()
                .append("created ").append(created.size()).append(created.isEmpty() ? "" : " " + created)
                .append(", existing ").append(existing.size())
                .append(", drifted settings ").append(drifts.size());
        drifts.forEach(d -> s.append("\n  ").append(d));
        return s.toString();
    }
}
