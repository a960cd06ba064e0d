package io.waymark.common.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class HostnameProperties {

    @Property
    void validNamesRoundTrip(@ForAll("hostnames") String name) {
        // When
        Hostname host = Hostname.parse(name);

        // Then
        assertThat(host.ascii()).isEqualTo(name.toLowerCase(Locale.ROOT));
        assertThat(Hostname.parse(host.ascii())).isEqualTo(host);
        assertThat(Hostname.parse(name.toUpperCase(Locale.ROOT) + ".")).isEqualTo(host);
    }

    @Property
    void subdomainOfItsParentLabels(@ForAll("hostnames") String name, @ForAll("labels") String extra) {
        // Given
        Hostname parent = Hostname.parse(name);

        // When
        Hostname child = Hostname.parse(extra + "." + name);

        // Then
        assertThat(child.isSubdomainOf(parent)).isTrue();
        assertThat(parent.isSubdomainOf(child)).isFalse();
        assertThat(Hostname.parse(extra + name).isSubdomainOf(parent)).isFalse();
    }

    @Property(tries = 2000)
    void anyStringIsAcceptedCanonicallyOrRefusedWithAReason(@ForAll("junk") String input) {
        try {
            Hostname host = Hostname.parse(input);
            // Whatever is accepted is canonical and stable.
            assertThat(Hostname.parse(host.ascii())).isEqualTo(host);
            assertThat(host.ascii()).matches("[a-z0-9.-]{1,253}");
        } catch (InvalidHostnameException e) {
            assertThat(e.reason()).isNotNull();
            assertThat(e.input()).isEqualTo(input);
        }
    }

    @Property(tries = 1000)
    void anyUnicodeStringIsAcceptedOrRefusedWithAReason(@ForAll String input) {
        try {
            assertThat(Hostname.parse(input).ascii()).matches("[a-z0-9.-]{1,253}");
        } catch (InvalidHostnameException e) {
            assertThat(e.reason()).isNotNull();
        }
    }

    @Provide
    Arbitrary<String> labels() {
        Arbitrary<String> edge = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789")
                .ofLength(1);
        Arbitrary<String> middle = Arbitraries.strings().withChars("abcxyzQ0189-").ofMinLength(0).ofMaxLength(20);
        return Combinators.combine(edge, middle, edge).as((a, m, b) -> a + m + b)
                .filter(l -> l.length() <= Hostname.MAX_LABEL_LENGTH);
    }

    @Provide
    Arbitrary<String> hostnames() {
        Arbitrary<String> tld = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(6);
        return Combinators.combine(labels().list().ofMinSize(1).ofMaxSize(4), tld)
                .as((List<String> ls, String t) -> String.join(".", ls) + "." + t)
                .filter(n -> n.length() <= Hostname.MAX_LENGTH && !n.contains("xn--"));
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.strings().withChars("aZ09-._*:[]/ \u00fc\u3002\u0000xn").ofMaxLength(80);
    }
}
