package io.waymark.edge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RedirectLocationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://shop.example/sale?id=7&x=%41            | https://shop.example/sale?id=7&x=%41",
        "https://shop.example/café                       | https://shop.example/caf%C3%A9",
        "https://shop.example/中文?q=ü#frag-é            | https://shop.example/%E4%B8%AD%E6%96%87?q=%C3%BC#frag-%C3%A9",
        "https://shop.example/smile-😀                   | https://shop.example/smile-%F0%9F%98%80",
        "https://bücher.example/buch                     | https://xn--bcher-kva.example/buch",
        "http://user@bücher.example:8080/ä               | http://user@xn--bcher-kva.example:8080/%C3%A4",
        "https://bücher.example                          | https://xn--bcher-kva.example",
        "https://shop.example:8443/ö?bücher.example      | https://shop.example:8443/%C3%B6?b%C3%BCcher.example",
    })
    void nonAsciiUrlsBecomeTheUriABrowserWouldRequest(String url, String expected) {
        assertThat(RedirectLocation.of(url)).isEqualTo(expected);
    }

    @Test
    void anAsciiUrlIsReturnedAsItIs() {
        String url = "https://shop.example/p/1?utm_source=newsletter&utm_medium=email";
        assertThat(RedirectLocation.of(url)).isSameAs(url);
    }

    @Test
    void theHeaderOnTheWireIsAsciiAndLosesNoCharacter() {
        // Given Netty's HTTP/1 encoder, which writes one byte per header character
        EmbeddedChannel channel = new EmbeddedChannel(new HttpResponseEncoder());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FOUND,
                Unpooled.EMPTY_BUFFER);

        // When
        response.headers().set(HttpHeaderNames.LOCATION, RedirectLocation.of("https://shop.example/中?q=é"));
        channel.writeOutbound(response);

        // Then
        ByteBuf wire = channel.readOutbound();
        String head = wire.toString(StandardCharsets.ISO_8859_1);
        wire.release();
        assertThat(head).contains("location: https://shop.example/%E4%B8%AD?q=%C3%A9\r\n");
        assertThat(head.chars()).allMatch(c -> c < 0x80);
        channel.finishAndReleaseAll();
    }
}
