package io.waymark.provisioner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.common.host.Hostname;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisteredDomainsTest {

    private final RegisteredDomains domains = RegisteredDomains.withBundledList(List.of("example.net"));

    @Test
    void registeredDomainIsTheSuffixPlusOneLabel() {
        // Given / When / Then
        assertThat(domains.registeredDomain(Hostname.parse("email.shop.com"))).isEqualTo("shop.com");
        assertThat(domains.registeredDomain(Hostname.parse("a.b.email.shop.com"))).isEqualTo("shop.com");
        assertThat(domains.registeredDomain(Hostname.parse("email.shop.co.uk"))).isEqualTo("shop.co.uk");
        assertThat(domains.registeredDomain(Hostname.parse("x.email.shop.com.au"))).isEqualTo("shop.com.au");
    }

    @Test
    void configuredSuffixesExtendTheBundledList() {
        // Given example.net configured as a suffix (a platform handing out subdomains)
        // When / Then each customer under it is its own registered domain
        assertThat(domains.registeredDomain(Hostname.parse("email.customer.example.net")))
                .isEqualTo("customer.example.net");
    }

    @Test
    void unknownSuffixFallsBackToTheLastLabel() {
        assertThat(domains.registeredDomain(Hostname.parse("email.shop.unknowntld"))).isEqualTo("shop.unknowntld");
    }
}
