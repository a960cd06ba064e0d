/**
 * JMH benchmarks of the rewriter against jsoup parse+serialize in the same run, on a corpus of
 * generated marketing e-mails ({@link io.waymark.rewriter.bench.MarketingCorpus}). Run with
 * {@code ./mvnw -B -pl rewriter -Pbench test}; results in docs/benchmarks.md.
 */
package io.waymark.rewriter.bench;
