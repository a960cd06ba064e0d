package io.waymark.schemas.evolution;

import io.waymark.schemas.AcmeChallenge;
import io.waymark.schemas.CertificateOrder;
import io.waymark.schemas.CertificateRecord;
import io.waymark.schemas.DomainEvent;
import io.waymark.schemas.DomainStatus;
import io.waymark.schemas.OutboundMessage;
import io.waymark.schemas.TrackingEvent;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The top-level records of this release, the ones that travel on a topic. The compatibility
 * check compares each with its history; a new top-level record is added here.
 */
public final class CurrentSchemas {

    private static final List<Schema> ALL = List.of(
            DomainEvent.getClassSchema(),
            CertificateOrder.getClassSchema(),
            AcmeChallenge.getClassSchema(),
            CertificateRecord.getClassSchema(),
            DomainStatus.getClassSchema(),
            OutboundMessage.getClassSchema(),
            TrackingEvent.getClassSchema());

    private CurrentSchemas() {
    }

    /** Every top-level record's current schema. */
    public static List<Schema> all() {
        return ALL;
    }
}
