package io.waymark.renewer.internal;

import io.waymark.renewer.internal.ScheduleEntry.Guard;
import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard's side of {@code domain-status}: reads the domain's current status from the global
 * store and, when the guard fires, decides whether a DEGRADED or EXPIRED record must be written
 * (version = current + 1, keeping the tracking host and notAfter). Nothing is written when the
 * domain now uses another tracking host, is DISABLED, never had a certificate (PENDING, FAILED)
 * or already shows the state.
 */
public final class StatusWriter {

    private static final Logger LOGGER = LoggerFactory.getLogger(StatusWriter.class);
    private static final Set<DomainState> LIVE = Set.of(DomainState.ISSUED, DomainState.RENEWING,
            DomainState.DEGRADED, DomainState.UNKNOWN);

    private final ReadOnlyKeyValueStore<String, DomainStatus> statuses;

    public StatusWriter(ReadOnlyKeyValueStore<String, DomainStatus> statuses) {
        this.statuses = statuses;
    }

    /** The domain's current status, if the topic has one. */
    public Optional<DomainStatus> current(String sendingDomain) {
        return Optional.ofNullable(statuses.get(sendingDomain));
    }

    /** True when renewals of this domain must not be ordered. */
    public boolean disabled(String sendingDomain) {
        return current(sendingDomain).map(s -> s.getState() == DomainState.DISABLED).orElse(false);
    }

    /** The record to write for a guard transition, or empty when none is needed. */
    public Optional<DomainStatus> transition(String host, ScheduleEntry entry, Guard guard, long now) {
        DomainState state = guard == Guard.EXPIRED ? DomainState.EXPIRED : DomainState.DEGRADED;
        Optional<DomainStatus> current = current(entry.sendingDomain());
        if (current.isPresent()) {
            DomainStatus status = current.get();
            boolean otherHost = status.getTrackingHost() != null && !status.getTrackingHost().equals(host);
            if (otherHost || status.getState() == state || !LIVE.contains(status.getState())) {
                LOGGER.atInfo().addKeyValue("trackingHost", host).addKeyValue("sendingDomain", entry.sendingDomain())
                        .addKeyValue("currentState", status.getState()).addKeyValue("currentHost", status.getTrackingHost())
                        .log("guard fired, status left as it is");
                return Optional.empty();
            }
        }
        long version = current.map(DomainStatus::getVersion).orElse(0L) + 1;
        return Optional.of(DomainStatus.newBuilder()
                .setSendingDomain(entry.sendingDomain())
                .setTrackingHost(host)
                .setState(state)
                .setReason(reason(host, entry, state))
                .setNotAfter(Instant.ofEpochMilli(entry.notAfter()))
                .setUpdatedAt(Instant.ofEpochMilli(now))
                .setVersion(version)
                .build());
    }

    static String reason(String host, ScheduleEntry entry, DomainState state) {
        String orders = entry.attempt() == 0 ? "no renewal order was sent yet (is the renewer rate cap too low?)"
                : entry.attempt() + " renewal order(s) produced no new certificate";
        if (state == DomainState.EXPIRED) {
            return "certificate " + entry.serialHex() + " of " + host + " expired at "
                    + Instant.ofEpochMilli(entry.notAfter()) + "; " + orders
                    + "; new links use http:// until a certificate is issued: check the provisioner's reason for "
                    + host + " and dlq.provisioner, then run ./waymark cert renew " + host;
        }
        return "certificate " + entry.serialHex() + " of " + host + " expires at "
                + Instant.ofEpochMilli(entry.notAfter()) + " with less than a third of its lifetime left; "
                + orders + "; check the provisioner's reason for " + host + " or run ./waymark cert renew " + host;
    }
}
