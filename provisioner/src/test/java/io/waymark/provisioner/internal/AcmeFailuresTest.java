package io.waymark.provisioner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.toolbox.JSON;

class AcmeFailuresTest {

    @Test
    void caaIsPermanentWithTheCasDetail() throws Exception {
        // Given
        Problem problem = problem("""
                {"type": "urn:ietf:params:acme:error:caa", "detail": "CAA record for example.com prevents issuance"}""");

        // When
        ProvisioningException failure = AcmeFailures.classify(problem);

        // Then
        assertThat(failure.kind()).isEqualTo(ProvisioningException.Kind.PERMANENT);
        assertThat(failure.reason()).isEqualTo("CA error caa: CAA record for example.com prevents issuance");
        assertThat(failure.problemType()).contains("urn:ietf:params:acme:error:caa");
    }

    @Test
    void failedValidationIsTransientSoItCountsAttempts() throws Exception {
        // Given / When
        ProvisioningException failure = AcmeFailures.classify(problem("""
                {"type": "urn:ietf:params:acme:error:unauthorized", "detail": "wrong key authorization"}"""));

        // Then
        assertThat(failure.kind()).isEqualTo(ProvisioningException.Kind.TRANSIENT);
    }

    @Test
    void compoundIsPermanentOnlyWhenEverySubProblemIs() throws Exception {
        // Given
        Problem allPermanent = problem("""
                {"type": "urn:ietf:params:acme:error:compound", "detail": "several",
                 "subproblems": [{"type": "urn:ietf:params:acme:error:rejectedIdentifier", "detail": "no"}]}""");
        Problem mixed = problem("""
                {"type": "urn:ietf:params:acme:error:compound", "detail": "several",
                 "subproblems": [{"type": "urn:ietf:params:acme:error:rejectedIdentifier", "detail": "no"},
                                 {"type": "urn:ietf:params:acme:error:connection", "detail": "timeout"}]}""");

        // When / Then
        assertThat(AcmeFailures.classify(allPermanent).kind()).isEqualTo(ProvisioningException.Kind.PERMANENT);
        assertThat(AcmeFailures.classify(mixed).kind()).isEqualTo(ProvisioningException.Kind.TRANSIENT);
        assertThat(AcmeFailures.classify(mixed).reason()).contains("rejectedIdentifier: no").contains("connection: timeout");
    }

    @Test
    void rateLimitedIsItsOwnKind() throws Exception {
        assertThat(AcmeFailures.classify(problem("""
                {"type": "urn:ietf:params:acme:error:rateLimited", "detail": "too many"}""")).kind())
                .isEqualTo(ProvisioningException.Kind.RATE_LIMITED);
    }

    private static Problem problem(String json) throws Exception {
        return new Problem(JSON.parse(json), new URL("https://ca.example/acme/order/1"));
    }
}
