package io.waymark.common.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.common.host.InvalidHostnameException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameTest {

    @Test
    void canonicalisesCaseAndOneTrailingDot() {
        // Given / When
        Hostname host = Hostname.parse("Email.Example.COM.");

        // Then
        assertThat(host.ascii()).isEqualTo("email.example.com");
        assertThat(host).hasToString("email.example.com").isEqualTo(Hostname.parse("email.example.com"));
        assertThat(host.labels()).containsExactly("email", "example", "com");
        assertThat(host.labelCount()).isEqualTo(3);
    }

    @Test
    void convertsInternationalNamesToAscii() {
        // Given / When
        Hostname host = Hostname.parse("Bücher.Example");

        // Then
        assertThat(host.ascii()).isEqualTo("xn--bcher-kva.example");
        assertThat(host.unicode()).isEqualTo("bücher.example");
        assertThat(Hostname.parse("xn--bcher-kva.example")).isEqualTo(host);
    }

    @Test
    void ideographicFullStopIsALabelSeparator() {
        assertThat(Hostname.parse("例え。テスト").ascii()).isEqualTo("xn--r8jz45g.xn--zckzah");
    }

    @Test
    void acceptsLongestLegalNames() {
        // Given: four labels of 63, 63, 63, 61 characters = 253 with dots
        String name = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);

        // Then
        assertThat(name).hasSize(253);
        assertThat(Hostname.parse(name).ascii()).isEqualTo(name);
        assertThat(Hostname.isValid(name + "d")).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                     | EMPTY",
        ".                      | EMPTY",
        "example.com..          | EMPTY_LABEL",
        ".example.com           | EMPTY_LABEL",
        "a..example.com         | EMPTY_LABEL",
        "localhost              | SINGLE_LABEL",
        "com.                   | SINGLE_LABEL",
        "-a.example.com         | HYPHEN_AT_LABEL_EDGE",
        "a-.example.com         | HYPHEN_AT_LABEL_EDGE",
        "a_b.example.com        | INVALID_CHARACTER",
        "a b.example.com        | INVALID_CHARACTER",
        "example.com:443        | INVALID_CHARACTER",
        "exa/mple.com           | INVALID_CHARACTER",
        "*.example.com          | WILDCARD",
        "192.168.0.1            | IP_LITERAL",
        "0x7f.1                 | IP_LITERAL",
        "::1                    | IP_LITERAL",
        "[2001:db8::1]          | IP_LITERAL",
        "2001:db8::1            | IP_LITERAL",
        "example.123            | NUMERIC_TLD",
        "xn--zz.example         | IDNA_ERROR",
    })
    void refusesWithAReason(String input, Reason reason) {
        assertThatThrownBy(() -> Hostname.parse(input))
                .isInstanceOfSatisfying(InvalidHostnameException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.input()).isEqualTo(input);
                    assertThat(e.getMessage()).contains(reason.name()).contains(input);
                });
    }

    @Test
    void refusesLongLabelsAndNames() {
        assertThatThrownBy(() -> Hostname.parse("a".repeat(64) + ".example"))
                .extracting(e -> ((InvalidHostnameException) e).reason()).isEqualTo(Reason.LABEL_TOO_LONG);
        String tooLong = ("a".repeat(60) + ".").repeat(5) + "com";
        assertThatThrownBy(() -> Hostname.parse(tooLong))
                .extracting(e -> ((InvalidHostnameException) e).reason()).isEqualTo(Reason.TOO_LONG);
        assertThatThrownBy(() -> Hostname.parse("a".repeat(5000)))
                .extracting(e -> ((InvalidHostnameException) e).reason()).isEqualTo(Reason.TOO_LONG);
    }

    @Test
    void messageEscapesControlCharactersAndTruncates() {
        assertThatThrownBy(() -> Hostname.parse("evil\r\nlog.example"))
                .hasMessageContaining("evil\\u000d\\u000alog.example");
        assertThatThrownBy(() -> Hostname.parse("x".repeat(300) + "!.com"))
                .hasMessageContaining("(305 chars)");
    }

    @Test
    void subdomainIsStrict() {
        // Given
        Hostname parent = Hostname.parse("example.com");

        // Then
        assertThat(Hostname.parse("email.example.com").isSubdomainOf(parent)).isTrue();
        assertThat(Hostname.parse("a.b.example.com").isSubdomainOf(parent)).isTrue();
        assertThat(parent.isSubdomainOf(parent)).isFalse();
        assertThat(Hostname.parse("badexample.com").isSubdomainOf(parent)).isFalse();
        assertThat(Hostname.parse("example.com.evil.net").isSubdomainOf(parent)).isFalse();
        assertThat(parent.isSubdomainOf(Hostname.parse("email.example.com"))).isFalse();
    }

    @Test
    void nullIsAProgrammingError() {
        assertThatThrownBy(() -> Hostname.parse(null)).isInstanceOf(NullPointerException.class);
        assertThat(Hostname.isValid(null)).isFalse();
    }

    @Test
    void ordersByAsciiForm() {
        assertThat(Hostname.parse("b.example").compareTo(Hostname.parse("a.example"))).isPositive();
    }

    @Test
    void droppingLeadingLabelsGivesWhatParsingTheRestGives() {
        // Given
        Hostname host = Hostname.parse("a.email.xn--bcher-kva.example");

        // When / Then
        assertThat(host.withoutLeadingLabels(0)).isSameAs(host);
        assertThat(host.withoutLeadingLabels(1)).isEqualTo(Hostname.parse("email.xn--bcher-kva.example"));
        assertThat(host.withoutLeadingLabels(2)).isEqualTo(Hostname.parse("bücher.example"));
        assertThat(host.withoutLeadingLabels(2).ascii()).isEqualTo("xn--bcher-kva.example");
        assertThatThrownBy(() -> host.withoutLeadingLabels(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fewer than 5 labels");
        assertThatThrownBy(() -> host.withoutLeadingLabels(7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> host.withoutLeadingLabels(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
