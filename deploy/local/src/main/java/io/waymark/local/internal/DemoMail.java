package io.waymark.local.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample newsletter shipped with the demo ({@code io/waymark/local/demo/newsletter.eml}, a
 * multipart/alternative text + HTML message with several links, an opted-out link, a
 * {@code mailto:} and an unsubscribe link) and what the demo reads out of a message: the
 * {@code href} of every link in order and the open pixel's {@code src}.
 */
public final class DemoMail {

    private static final String RESOURCE = "/io/waymark/local/demo/newsletter.eml";
    private static final Pattern HREF = Pattern.compile("<a\\s[^>]*?href=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern PIXEL = Pattern.compile("<img\\s[^>]*?src=\"([^\"]*/o/[^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private DemoMail() {
    }

    /** The newsletter as CRLF RFC 5322 bytes, from {@code sendingDomain} to {@code recipient}. */
    public static byte[] newsletter(String sendingDomain, String recipient, String messageId) {
        try (InputStream in = DemoMail.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\r\n", "\n")
                    .replace("@SENDING_DOMAIN@", sendingDomain)
                    .replace("@RECIPIENT@", recipient)
                    .replace("@MESSAGE_ID@", messageId)
                    .replace("\n", "\r\n");
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The {@code href} values of the message's links, in order, with {@code &amp;} decoded. */
    public static List<String> links(byte[] raw) {
        return values(HREF, raw);
    }

    /** The open pixel's URL, if the message has one. */
    public static List<String> pixels(byte[] raw) {
        return values(PIXEL, raw);
    }

    private static List<String> values(Pattern attribute, byte[] raw) {
        List<String> values = new ArrayList<>();
        Matcher matcher = attribute.matcher(new String(raw, StandardCharsets.UTF_8));
        while (matcher.find()) {
            values.add(matcher.group(1).replace("&amp;", "&"));
        }
        return values;
    }
}
