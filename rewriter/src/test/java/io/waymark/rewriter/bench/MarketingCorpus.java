package io.waymark.rewriter.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic marketing e-mails, generated (no third-party content): table layouts with inline
 * styles, a head style block, Outlook conditional comments, a preheader, product grids with
 * images and UTM-tagged links ({@code &amp;} in query strings), social and footer links, an
 * unsubscribe link; 20-100 KB each. Deterministic for a seed, so runs compare.
 */
public final class MarketingCorpus {

    private static final String[] WORDS = ("winter sale new arrivals free shipping members only limited offer "
            + "discover collection bestseller classic cotton wool linen jacket sweater boots scarf gloves gift "
            + "card weekend exclusive early access save percent today tomorrow ends midnight style comfort "
            + "warm cozy sustainable handmade premium quality everyday essentials").split(" ");

    private MarketingCorpus() {
    }

    /** {@code count} HTML documents of 20-100 KB. */
    public static List<String> html(int count, long seed) {
        Random random = new Random(seed);
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int target = 20_000 + random.nextInt(80_000);
            docs.add(document(random, target, i));
        }
        return docs;
    }

    /** The same documents as multipart/alternative messages, text and HTML quoted-printable. */
    public static List<byte[]> messages(List<String> html) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < html.size(); i++) {
            String h = html.get(i);
            String text = h.replaceAll("<[^>]*>", " ").replaceAll("[ \\t]+", " ");
            String message = "From: Shop <news@shop.example>\r\nTo: ann@example.org\r\nSubject: Offer " + i + "\r\n"
                    + "Message-ID: <bench-" + i + "@shop.example>\r\nMIME-Version: 1.0\r\n"
                    + "List-Unsubscribe: <https://shop.example/u/ann?l=" + i + ">\r\n"
                    + "Content-Type: multipart/alternative; boundary=\"b-" + i + "\"\r\n\r\n"
                    + "--b-" + i + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: "
                    + "quoted-printable\r\n\r\n" + qp(text) + "\r\n--b-" + i + "\r\nContent-Type: text/html; "
                    + "charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + qp(h)
                    + "\r\n--b-" + i + "--\r\n";
            out.add(message.getBytes(StandardCharsets.US_ASCII));
        }
        return out;
    }

    private static String qp(String s) {
        return new String(io.waymark.rewriter.internal.QuotedPrintableCodec.encode(
                s.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), "\r\n"),
                StandardCharsets.US_ASCII);
    }

    private static String document(Random r, int target, int n) {
        StringBuilder b = new StringBuilder(target + 4096);
        b.append("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
                + "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\">\n"
                + "<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\">\n<title>")
                .append(words(r, 5)).append("</title>\n<!--[if mso]><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96"
                + "</o:PixelsPerInch></o:OfficeDocumentSettings></xml><![endif]-->\n<style type=\"text/css\">\n");
        for (int i = 0; i < 30; i++) {
            b.append(".c").append(i).append(" { font-family: Helvetica, Arial, sans-serif; font-size: ")
                    .append(12 + r.nextInt(10)).append("px; color: #").append(hex(r)).append("; }\n");
        }
        b.append("@media only screen and (max-width: 600px) { .col { width: 100% !important; } }\n</style>\n</head>\n"
                + "<body style=\"margin:0;padding:0;background-color:#f4f4f4\">\n<div style=\"display:none;max-height:0;"
                + "overflow:hidden\">").append(words(r, 20)).append("</div>\n<center>\n<table role=\"presentation\" "
                + "width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" bgcolor=\"#f4f4f4\">\n<tr><td align="
                + "\"center\">\n<!--[if mso]><table width=\"600\"><tr><td><![endif]-->\n<table class=\"container\" "
                + "width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">\n<tr><td style=\"padding:20px\"><a "
                + "href=\"https://shop.example/?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=c")
                .append(n).append("\"><img src=\"https://cdn.shop.example/logo.png\" width=\"180\" alt=\"Shop\" "
                + "style=\"display:block;border:0\"></a></td></tr>\n");
        int item = 0;
        while (b.length() < target - 3000) {
            b.append("<tr><td class=\"c").append(r.nextInt(30)).append("\" style=\"padding:10px 20px;font-family:"
                    + "Helvetica,Arial,sans-serif;line-height:22px\">\n<h2 style=\"margin:0 0 10px 0\">")
                    .append(words(r, 4)).append("</h2>\n<p style=\"margin:0\">").append(words(r, 40 + r.nextInt(40)))
                    .append("</p>\n</td></tr>\n<tr><td>\n<table role=\"presentation\" width=\"100%\"><tr>\n");
            for (int c = 0; c < 3; c++, item++) {
                String slug = WORDS[r.nextInt(WORDS.length)] + "-" + WORDS[r.nextInt(WORDS.length)] + "-" + item;
                b.append("<td class=\"col\" width=\"33%\" valign=\"top\" style=\"padding:10px\"><a href=\"https://shop."
                        + "example/products/").append(slug).append("?utm_source=newsletter&amp;utm_medium=email&amp;"
                        + "utm_campaign=c").append(n).append("&amp;utm_content=grid-").append(item)
                        .append("\"><img src=\"https://cdn.shop.example/img/").append(slug).append(".jpg\" width=\"170\" "
                        + "alt=\"").append(words(r, 3)).append("\" style=\"display:block;border:0;width:100%\"></a>\n"
                        + "<p style=\"font-size:14px;margin:8px 0\">").append(words(r, 6)).append("</p>\n<a href='https://"
                        + "shop.example/cart/add?sku=").append(100000 + r.nextInt(900000)).append("&amp;qty=1' style=\""
                        + "background:#0a7;color:#fff;padding:8px 12px;text-decoration:none;border-radius:4px\">Buy "
                        + "now</a></td>\n");
            }
            b.append("</tr></table>\n</td></tr>\n");
            if (r.nextInt(4) == 0) {
                b.append("<!--[if mso]><tr><td><v:roundrect href=\"https://shop.example/sale\" style=\"height:40px\">"
                        + "</v:roundrect></td></tr><![endif]-->\n");
            }
        }
        b.append("<tr><td style=\"padding:20px;font-size:12px;color:#777\">\n");
        for (String s : new String[] {"facebook", "instagram", "pinterest", "youtube"}) {
            b.append("<a href=\"https://social.example/").append(s).append("/shop\"><img src=\"https://cdn.shop.example/"
                    + "icons/").append(s).append(".png\" width=\"24\" alt=\"").append(s).append("\"></a>\n");
        }
        b.append("<p>").append(words(r, 30)).append("</p>\n<p><a href=\"https://shop.example/preferences?u=ann&amp;l=")
                .append(n).append("\">Preferences</a> | <a href=\"https://shop.example/u/ann?l=").append(n)
                .append("\">Unsubscribe</a> | <a href=\"mailto:help@shop.example\">Contact</a></p>\n</td></tr>\n"
                + "</table>\n<!--[if mso]></td></tr></table><![endif]-->\n</td></tr>\n</table>\n</center>\n</body>\n</html>\n");
        return b.toString();
    }

    private static String words(Random r, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(WORDS[r.nextInt(WORDS.length)]);
        }
        return b.toString();
    }

    private static String hex(Random r) {
        return String.format("%06x", r.nextInt(0x1000000));
    }
}
