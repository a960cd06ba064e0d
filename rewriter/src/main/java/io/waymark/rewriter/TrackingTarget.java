package io.waymark.rewriter;

import io.waymark.common.host.Hostname;
import io.waymark.schemas.DomainState;
import io.waymark.schemas.DomainStatus;

/**
 * Where the links of a sending domain point: its tracking host and whether {@code https://} may
 * be used. https only while a certificate is live (ISSUED, RENEWING, DEGRADED); http:// before
 * (PENDING, FAILED), after (EXPIRED, DISABLED), for UNKNOWN and for a domain with no status.
 * The host comes from the status, else from the configured pattern ({@code email.<domain>}).
 */
public record TrackingTarget(Hostname sendingDomain, Hostname trackingHost, boolean https) {

    /** The target for {@code sendingDomain} given its status (null when none is known). */
    public static TrackingTarget of(Hostname sendingDomain, DomainStatus status, RewriterConfig config) {
        Hostname host = status != null && status.getTrackingHost() != null
                ? Hostname.parse(status.getTrackingHost())
                : config.defaultTrackingHost(sendingDomain);
        return new TrackingTarget(sendingDomain, host, status != null && live(status.getState()));
    }

    /** True for the states in which the edge serves a valid certificate for the host. */
    public static boolean live(DomainState state) {
        return state == DomainState.ISSUED || state == DomainState.RENEWING || state == DomainState.DEGRADED;
    }
}
