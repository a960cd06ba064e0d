package io.waymark.provisioner.internal;

import io.waymark.provisioner.internal.ProvisioningException.Kind;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * Sorts the CA's answers (RFC 8555 §6.7 error types) into what the provisioner does next: wait
 * and retry, wait for Retry-After, or give up with the CA's own explanation. {@code badNonce} is
 * retried inside acme4j and only arrives here after its attempts are used up.
 */
final class AcmeFailures {

    private static final String ACME = "urn:ietf:params:acme:error:";

    /** Types where a retry cannot help: the name, CAA or the account itself is refused. */
    private static final Set<String> PERMANENT = Set.of("caa", "rejectedIdentifier", "unsupportedIdentifier",
            "invalidContact", "unsupportedContact", "externalAccountRequired", "userActionRequired",
            "badCSR", "badSignatureAlgorithm", "badPublicKey", "compound-permanent");

    private AcmeFailures() {
    }

    static ProvisioningException classify(AcmeException e) {
        if (e instanceof AcmeRateLimitedException limited) {
            Optional<Duration> wait = limited.getRetryAfter()
                    .map(at -> Duration.between(Instant.now(Clock.systemUTC()), at))
                    .filter(d -> !d.isNegative());
            return new ProvisioningException(Kind.RATE_LIMITED, describe(limited.getProblem()), wait,
                    Optional.of(limited.getType().toString()), e);
        }
        if (e instanceof AcmeServerException server) {
            ProvisioningException classified = classify(server.getProblem());
            return new ProvisioningException(classified.kind(), classified.reason(), classified.retryAfter(),
                    classified.problemType(), e);
        }
        return ProvisioningException.transientFailure("the CA could not be reached or answered badly: "
                + e.getMessage(), e);
    }

    static ProvisioningException classify(Problem problem) {
        String type = problem.getType().toString();
        boolean permanent = isPermanent(problem);
        Kind kind = type.equals(ACME + "rateLimited") ? Kind.RATE_LIMITED : permanent ? Kind.PERMANENT : Kind.TRANSIENT;
        return new ProvisioningException(kind, describe(problem), Optional.empty(), Optional.of(type), null);
    }

    /** True for the errors RFC 9773 §5 allows on a {@code replaces} the CA will not honour. */
    static boolean isReplacementRefused(AcmeServerException e) {
        String type = e.getType().toString();
        return type.equals(ACME + "alreadyReplaced") || type.equals(ACME + "unauthorized")
                || type.equals(ACME + "malformed") && e.getProblem().getDetail().orElse("").contains("replace");
    }

    private static boolean isPermanent(Problem problem) {
        String type = problem.getType().toString();
        if (type.equals(ACME + "compound")) {
            // RFC 8555 §6.7.1: permanent only when every sub-problem is
            return !problem.getSubProblems().isEmpty()
                    && problem.getSubProblems().stream().allMatch(AcmeFailures::isPermanent);
        }
        return type.startsWith(ACME) && PERMANENT.contains(type.substring(ACME.length()));
    }

    /** The CA's detail, prefixed with the short type, for a person to read. */
    static String describe(Problem problem) {
        URI type = problem.getType();
        String shortType = type.toString().startsWith(ACME) ? type.toString().substring(ACME.length()) : type.toString();
        String detail = problem.getDetail().orElse(problem.getTitle().orElse("no detail given"));
        StringBuilder text = new StringBuilder("CA error ").append(shortType).append(": ").append(detail);
        for (Problem sub : problem.getSubProblems()) {
            text.append("; ").append(describe(sub));
        }
        return text.toString();
    }
}
