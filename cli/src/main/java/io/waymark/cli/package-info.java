/**
 * The operator's command line behind {@code ./waymark}. {@link io.waymark.cli.WaymarkCli} is the
 * root picocli command; it registers the local stack's {@code up} and {@code demo}, the
 * rewriter's {@code rewrite} and {@code token}, and this package's commands: {@code domain},
 * {@code cert}, {@code send}, {@code events}, {@code topics}, {@code dlq} and {@code completion}.
 * Each command resolves its target (flags, {@code WAYMARK_*} variables, a running local stack,
 * the local stack's defaults) through {@link io.waymark.cli.CliEnvironment}, which tests replace;
 * errors become one line and an {@link io.waymark.cli.ExitCodes exit code}.
 */
package io.waymark.cli;
