package io.waymark.rewriter;

import io.waymark.common.host.Hostname;
import io.waymark.common.token.RecipientDigest;
import io.waymark.common.token.TrackingToken;
import java.util.ArrayList;
import java.util.List;

/** A signer with readable, deterministic tracking URLs, recording what it was asked to sign. */
final class PlaceholderSigner implements LinkSigner {

    static final String HOST = "https://email.shop.example";

    final List<String> urls = new ArrayList<>();

    @Override
    public String click(int linkIndex, String url) {
        try {
            // the same refusals as a real token: whitespace, controls, over 2048 bytes
            TrackingToken.click("golden", RecipientDigest.of("ann@example.org"), Hostname.parse("shop.example"),
                    linkIndex, url);
        } catch (IllegalArgumentException e) {
            return null;
        }
        urls.add(url);
        return HOST + "/c/TOKEN-" + linkIndex;
    }

    @Override
    public String open() {
        return HOST + "/o/TOKEN-OPEN";
    }
}
