/**
 * Implementation of the hostname rules. {@code HostnameRules} runs the checks in a fixed order:
 * cheap shape checks on the raw input (empty, absurd length, IPv6 literal, wildcard), IDNA
 * conversion for non-ASCII input, case folding and the trailing dot, then the RFC 1123 label
 * rules, the label count and the numeric-TLD/IPv4 checks. The first failing check names the
 * reason, so the same input always gets the same answer.
 */
package io.waymark.common.host.internal;
