/** The operator's command line behind {@code ./waymark}. */
package io.waymark.cli;
