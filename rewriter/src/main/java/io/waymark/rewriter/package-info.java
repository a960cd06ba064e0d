/**
 * The rewriter: a Kafka Streams app that points every link and an open pixel of each outgoing
 * message at its sending domain's tracking host, byte-faithful to the MIME it was given.
 * {@link io.waymark.rewriter.MessageRewriter} is the pure library (raw bytes in, raw bytes out);
 * {@link io.waymark.rewriter.RewriterTopology#buildTopology} wires it between {@code outbound} and
 * {@code outbound-tracked} with the {@code domain-status} GlobalKTable;
 * {@link io.waymark.rewriter.RewriterService} runs it on the common service frame. See
 * {@code rewriter/README.md}.
 */
package io.waymark.rewriter;
