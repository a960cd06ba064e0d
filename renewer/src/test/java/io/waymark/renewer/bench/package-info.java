/**
 * The renewer's scale benchmark ({@code RenewerScaleBench}); run on demand only, see
 * {@code docs/benchmarks.md}.
 */
package io.waymark.renewer.bench;
