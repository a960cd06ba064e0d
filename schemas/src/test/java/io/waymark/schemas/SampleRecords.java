package io.waymark.schemas;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One filled-in record of each type, for tests. */
public final class SampleRecords {

    public static final Instant NOW = Instant.parse("2026-11-28T21:00:00.123Z");

    private SampleRecords() {
    }

    public static DomainEvent domainEvent() {
        return DomainEvent.newBuilder()
                .setEventId("7b0c7c4e-1111-4c52-9a4e-000000000001")
                .setType(DomainEventType.ENABLE_HTTPS)
                .setSendingDomain("example.com")
                .setTrackingHost("email.example.com")
                .setOccurredAt(NOW)
                .setSource("control-plane")
                .setRequestedBy("operator-17")
                .build();
    }

    public static CertificateOrder certificateOrder() {
        return CertificateOrder.newBuilder()
                .setOrderId("order-1")
                .setKind(CertificateOrderKind.RENEWAL)
                .setTrackingHost("email.example.com")
                .setSendingDomain("example.com")
                .setRequestedAt(NOW)
                .setReason("ARI window opened")
                .setReplacesCertId("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE")
                .setAttempt(2)
                .build();
    }

    public static AcmeChallenge acmeChallenge() {
        return AcmeChallenge.newBuilder()
                .setTrackingHost("email.example.com")
                .setToken("LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0")
                .setKeyAuthorization("LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0.9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI")
                .setExpiresAt(NOW.plusSeconds(3600))
                .setOrderId("order-1")
                .build();
    }

    public static CertificateRecord certificateRecord() {
        return CertificateRecord.newBuilder()
                .setTrackingHost("email.example.com")
                .setSendingDomain("example.com")
                .setCertificateChainPem("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
                .setSealedKey(SealedKey.newBuilder()
                        .setKeyId("kek-2026-11")
                        .setNonce(ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) 0xff}))
                        .setCiphertext(ByteBuffer.wrap(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}))
                        .setAlgorithm("EC-P256")
                        .build())
                .setSerialHex("03a1b2c3")
                .setNotBefore(NOW)
                .setNotAfter(NOW.plusSeconds(90L * 24 * 3600))
                .setAriWindowStart(NOW.plusSeconds(60L * 24 * 3600))
                .setAriWindowEnd(NOW.plusSeconds(62L * 24 * 3600))
                .setAriCertId("aYhba4dGQEHhs3uEe6CuLN4ByNQ.A6GywwM")
                .setIssuer("CN=Pebble Intermediate CA")
                .setVersion(3L)
                .setIssuedAt(NOW)
                .build();
    }

    public static DomainStatus domainStatus() {
        return DomainStatus.newBuilder()
                .setSendingDomain("example.com")
                .setTrackingHost("email.example.com")
                .setState(DomainState.DEGRADED)
                .setReason("renewal failed 3 times: CA rate limit, next try 2026-11-29T00:00Z")
                .setNotAfter(NOW.plusSeconds(10L * 24 * 3600))
                .setUpdatedAt(NOW)
                .setVersion(9L)
                .build();
    }

    public static OutboundMessage outboundMessage() {
        return OutboundMessage.newBuilder()
                .setMessageId("msg-1")
                .setSendingDomain("example.com")
                .setRecipient("alice@example.org")
                .setRaw(ByteBuffer.wrap("Subject: hi\r\n\r\n<a href=\"http://x.example\">x</a>\r\n"
                        .getBytes(StandardCharsets.US_ASCII)))
                .setTrackClicks(true)
                .setTrackOpens(true)
                .setTags(Map.of("campaign", "black-friday"))
                .build();
    }

    public static TrackingEvent trackingEvent() {
        return TrackingEvent.newBuilder()
                .setKind(TrackingEventKind.CLICK)
                .setEventId("ev-1")
                .setMessageId("msg-1")
                .setSendingDomain("example.com")
                .setTrackingHost("email.example.com")
                .setRecipient("alice@example.org")
                .setOccurredAt(NOW)
                .setUrl("https://shop.example.com/?a=1")
                .setLinkIndex(0)
                .setUserAgent("Mozilla/5.0")
                .setAnonymisedIp("192.0.2.0")
                .setBot(false)
                .setEdgeNode("edge-1")
                .build();
    }

    /** One of each type. */
    public static List<SpecificRecord> all() {
        return List.of(domainEvent(), certificateOrder(), acmeChallenge(), certificateRecord(), domainStatus(),
                outboundMessage(), trackingEvent());
    }
}
