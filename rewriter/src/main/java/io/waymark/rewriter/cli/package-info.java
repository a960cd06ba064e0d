/**
 * The rewriter's offline commands for previews and support, {@code ./waymark rewrite} and
 * {@code ./waymark token decode}: they use the same {@link io.waymark.rewriter.MessageRewriter}
 * and token codec as the app, so a preview is exactly what the app would send.
 */
package io.waymark.rewriter.cli;
