package io.waymark.rewriter;

import io.waymark.schemas.OutboundMessage;

/**
 * What the rewrite step produced for one record: the message to publish (rewritten, or the
 * original when rewriting failed) and, on failure, the reason for the dead letter.
 */
record RewriteOutcome(OutboundMessage message, OutboundMessage original, String errorClass, String errorMessage,
                      String reason) {

    boolean failed() {
        return errorClass != null;
    }
}
