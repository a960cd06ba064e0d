package io.waymark.provisioner.internal;

import static java.util.Objects.requireNonNull;

import io.waymark.common.host.Hostname;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the registered domain of a host (public suffix plus one label), the key of the CA's
 * certificates-per-domain limit. The rules are a trimmed copy of the Public Suffix List shipped
 * as {@code public-suffixes.txt} (the suffixes customers of an email platform use; plain rules,
 * one per line, no wildcards or exceptions), extended by the {@code limits.public-suffixes}
 * setting. A host under no listed suffix falls back to the PSL's default rule {@code *}: the
 * last label is the suffix. The fallback errs towards a smaller registered domain, which only
 * makes the budget stricter than the CA's, never looser, for names under a known suffix.
 */
public final class RegisteredDomains {

    private static final String RESOURCE = "public-suffixes.txt";

    private final Set<String> suffixes;

    public RegisteredDomains(Collection<String> suffixes) {
        requireNonNull(suffixes, "suffixes");
        Set<String> copy = new HashSet<>();
        suffixes.forEach(s -> copy.add(s.strip().toLowerCase(Locale.ROOT)));
        this.suffixes = Set.copyOf(copy);
    }

    /** The shipped list plus {@code extra} suffixes. */
    public static RegisteredDomains withBundledList(List<String> extra) {
        Set<String> all = new HashSet<>(extra);
        try (InputStream in = RegisteredDomains.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the provisioner jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String rule = line.strip();
                if (!rule.isEmpty() && !rule.startsWith("//")) {
                    all.add(rule);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new RegisteredDomains(all);
    }

    /** The registered domain of {@code host}, e.g. {@code example.co.uk} for {@code email.example.co.uk}. */
    public String registeredDomain(Hostname host) {
        List<String> labels = host.labels();
        // the longest matching suffix wins (PSL algorithm, minus wildcards and exceptions)
        for (int i = 1; i < labels.size(); i++) {
            String candidate = String.join(".", labels.subList(i, labels.size()));
            if (suffixes.contains(candidate)) {
                return String.join(".", labels.subList(i - 1, labels.size()));
            }
        }
        return String.join(".", labels.subList(labels.size() - 2, labels.size()));
    }
}
