package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * An issuance that did not finish, with what the caller needs to decide: whether trying again
 * can help ({@link #kind()}), how long the CA asked us to wait ({@link #retryAfter()}), and a
 * reason written for the person who owns the domain (the CA's problem detail where there is
 * one). Never carries key material.
 */
public final class ProvisioningException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of failure. */
    public enum Kind {
        /** Network trouble, a server error, a failed self-check or validation: try again later. */
        TRANSIENT,
        /** The CA said rateLimited (RFC 8555 §6.7): wait at least {@link #retryAfter()}. */
        RATE_LIMITED,
        /** Our own bucket model refused: the order was never sent. */
        DEFERRED,
        /** Trying again cannot help (CAA forbids, rejected identifier...): FAILED. */
        PERMANENT
    }

    private final Kind kind;
    private final String reason;
    private final Optional<Duration> retryAfter;
    private final Optional<String> problemType;

    public ProvisioningException(Kind kind, String reason, Optional<Duration> retryAfter,
                                 Optional<String> problemType, Throwable cause) {
        super(kind + ": " + reason, cause);
        this.kind = requireNonNull(kind, "kind");
        this.reason = requireNonNull(reason, "reason");
        this.retryAfter = requireNonNull(retryAfter, "retryAfter");
        this.problemType = requireNonNull(problemType, "problemType");
    }

    static ProvisioningException transientFailure(String reason, Throwable cause) {
        return new ProvisioningException(Kind.TRANSIENT, reason, Optional.empty(), Optional.empty(), cause);
    }

    static ProvisioningException permanent(String reason, Optional<String> problemType) {
        return new ProvisioningException(Kind.PERMANENT, reason, Optional.empty(), problemType, null);
    }

    static ProvisioningException deferred(String limit, Duration wait) {
        return new ProvisioningException(Kind.DEFERRED, "the " + limit + " budget is spent, next try in " + wait,
                Optional.of(wait), Optional.empty(), null);
    }

    public Kind kind() {
        return kind;
    }

    /** For the DomainStatus reason: what went wrong, for a person who can act on it. */
    public String reason() {
        return reason;
    }

    /** The earliest the CA (or our bucket model) allows another try. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** The ACME problem type URN, when the CA sent one. */
    public Optional<String> problemType() {
        return problemType;
    }
}
