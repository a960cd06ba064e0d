package io.waymark.rewriter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandsTest {

    private static final String MESSAGE = "Message-ID: <abc-1@shop.example>\r\nContent-Type: text/html\r\n\r\n"
            + "<html><body><a href=\"https://shop.example/x?a=1&amp;b=2\">x</a></body></html>\r\n";

    @TempDir
    Path dir;

    @Test
    void rewriteThenDecodeTheLink() throws Exception {
        // Given
        Path keys = keyFile("k1");
        RewriteCommand rewrite = new RewriteCommand();
        rewrite.in = new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rewrite.out = out;
        CommandLine rewriteLine = new CommandLine(rewrite);
        rewriteLine.setErr(new PrintWriter(new StringWriter()));

        // When
        int code = rewriteLine.execute("--domain", "shop.example", "--https", "--key-file", keys.toString());
        String rewritten = out.toString(StandardCharsets.US_ASCII);
        Matcher m = Pattern.compile("https://email\\.shop\\.example/c/[A-Za-z0-9_-]+").matcher(rewritten);
        assertThat(m.find()).isTrue();
        StringWriter json = new StringWriter();
        CommandLine decode = new CommandLine(new TokenCommand());
        decode.setOut(new PrintWriter(json));
        int decodeCode = decode.execute("decode", m.group(), "--key-file", keys.toString());

        // Then
        assertThat(code).isZero();
        assertThat(rewritten).contains("/o/");
        assertThat(decodeCode).isZero();
        assertThat(json.toString()).contains("\"verified\":true", "\"kind\":\"CLICK\"", "\"messageId\":\"abc-1@shop.example\"",
                "\"url\":\"https://shop.example/x?a=1&b=2\"", "\"linkIndex\":1", "\"keyId\":\"k1\"",
                "\"sendingDomain\":\"shop.example\"");
    }

    @Test
    void aTokenFromAnotherKeyDoesNotVerify() throws Exception {
        // Given
        RewriteCommand rewrite = new RewriteCommand();
        rewrite.in = new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rewrite.out = out;
        CommandLine rewriteLine = new CommandLine(rewrite);
        rewriteLine.setErr(new PrintWriter(new StringWriter()));
        rewriteLine.execute("--domain", "shop.example", "--key-file", keyFile("k1").toString());
        Matcher m = Pattern.compile("http://email\\.shop\\.example/c/[A-Za-z0-9_-]+")
                .matcher(out.toString(StandardCharsets.US_ASCII));
        assertThat(m.find()).isTrue();
        StringWriter json = new StringWriter();
        CommandLine decode = new CommandLine(new TokenCommand());
        decode.setOut(new PrintWriter(json));

        // When
        int code = decode.execute("decode", m.group(), "--key-file", keyFile("k1").toString());

        // Then
        assertThat(code).isEqualTo(1);
        assertThat(json.toString()).contains("\"verified\":false", "\"reason\":\"BAD_SIGNATURE\"", "\"keyId\":\"k1\"");
        assertThat(json.toString()).contains("\"unverified\":{\"kind\":\"CLICK\"", "\"url\":\"");
    }

    @Test
    void aMessageThatCannotBeRewrittenIsWrittenUnchanged() throws Exception {
        // Given
        byte[] broken = "Content-Type: multipart/mixed\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        RewriteCommand rewrite = new RewriteCommand();
        rewrite.in = new ByteArrayInputStream(broken);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rewrite.out = out;
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(rewrite);
        line.setErr(new PrintWriter(err));

        // When
        int code = line.execute("--domain", "shop.example", "--key-file", keyFile("k1").toString());

        // Then
        assertThat(code).isEqualTo(2);
        assertThat(out.toByteArray()).isEqualTo(broken);
        assertThat(err.toString()).contains("MALFORMED_MIME");
    }

    private Path keyFile(String id) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path file = Files.createTempFile(dir, "keys", ".txt");
        Files.writeString(file, id + ":" + Base64.getEncoder().encodeToString(key) + "\n");
        return file;
    }
}
