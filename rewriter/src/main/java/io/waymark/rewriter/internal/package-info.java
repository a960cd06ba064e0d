/**
 * How a message is rewritten, in one pass and without a DOM.
 *
 * <ol>
 *   <li>{@link io.waymark.rewriter.internal.MimeWalker} walks the RFC 5322 / RFC 2046 structure
 *       over the raw bytes, recursing into multiparts, and records an edit (byte range plus
 *       replacement) only for the bodies of text/html parts, and text/plain parts when asked.
 *       Everything between edits is copied verbatim, so headers, boundaries, preamble, epilogue
 *       and attachments stay byte-identical.</li>
 *   <li>{@link io.waymark.rewriter.internal.TransferEncoding} decodes the body (7bit, 8bit,
 *       binary, quoted-printable, base64; RFC 2045 §6) and re-encodes it after rewriting.</li>
 *   <li>{@link io.waymark.rewriter.internal.CharsetView} turns the bytes into characters: for
 *       charsets where every ASCII byte means its ASCII character (UTF-8, ISO-8859-x,
 *       Windows-125x...) the view is byte-for-char, so bytes around an edit never change; other
 *       charsets are decoded and encoded strictly.</li>
 *   <li>{@link io.waymark.rewriter.internal.HtmlRewriter} tokenizes HTML in one pass and replaces
 *       only {@code href} values of {@code <a>} and {@code <area>};
 *       {@link io.waymark.rewriter.internal.PlainTextRewriter} finds bare URLs in text;
 *       {@link io.waymark.rewriter.internal.LinkPolicy} decides which links are tracked.</li>
 * </ol>
 *
 * Not for other modules.
 */
package io.waymark.rewriter.internal;
