package io.waymark.renewer.internal;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What the renewer knows about one tracking host's live certificate and its renewal: the
 * certificate's validity, the ARI window when the CA gave one, when the renewal is due, how many
 * orders were sent for this certificate and when, and which expiry guard has fired. Stored in
 * the schedule store (RocksDB, changelogged) as a small versioned binary record, so that heap
 * holds only the entries a punctuation is working on.
 *
 * @param serialHex     serial of the certificate being renewed
 * @param sendingDomain the domain that owns the host (key of {@code domain-status})
 * @param ariCertId     the certificate's ARI CertID (RFC 9773 §4.1), empty without one
 * @param version       the {@code CertificateRecord} version this entry was made from
 * @param notBefore     validity start, epoch millis
 * @param notAfter      validity end, epoch millis
 * @param issuedAt      when the provisioner received the certificate, epoch millis
 * @param windowStart   ARI suggested window start, 0 when unknown
 * @param windowEnd     ARI suggested window end, 0 when unknown
 * @param due           when the first renewal order is due, epoch millis
 * @param nextAriCheck  when to ask the CA for the window again; {@link Long#MAX_VALUE} for never
 * @param attempt       renewal orders sent for this certificate
 * @param orderedAt     when the last order was sent, 0 before the first
 * @param guard         the expiry guard's state
 * @param queued        true while the host waits in the ready index for a token
 */
public record ScheduleEntry(String serialHex, String sendingDomain, String ariCertId, long version,
                            long notBefore, long notAfter, long issuedAt, long windowStart, long windowEnd,
                            long due, long nextAriCheck, int attempt, long orderedAt, Guard guard,
                            boolean queued) {

    private static final byte FORMAT = 1;

    /** Expiry guard states, in the order they fire. */
    public enum Guard {
        /** Nothing fired. */
        OK,
        /** Less than a third of the lifetime left without a renewal. */
        DEGRADED,
        /** Past notAfter without a renewal. */
        EXPIRED
    }

    public ScheduleEntry {
        requireNonNull(serialHex, "serialHex");
        requireNonNull(sendingDomain, "sendingDomain");
        requireNonNull(ariCertId, "ariCertId");
        requireNonNull(guard, "guard");
    }

    /** Validity length in millis. */
    public long lifetime() {
        return notAfter - notBefore;
    }

    /** True when the CA's ARI window is known. */
    public boolean hasWindow() {
        return windowEnd > 0;
    }

    public ScheduleEntry withWindow(long start, long end, long newDue, long nextCheck) {
        return new ScheduleEntry(serialHex, sendingDomain, ariCertId, version, notBefore, notAfter, issuedAt,
                start, end, newDue, nextCheck, attempt, orderedAt, guard, queued);
    }

    public ScheduleEntry withNextAriCheck(long nextCheck) {
        return new ScheduleEntry(serialHex, sendingDomain, ariCertId, version, notBefore, notAfter, issuedAt,
                windowStart, windowEnd, due, nextCheck, attempt, orderedAt, guard, queued);
    }

    public ScheduleEntry withGuard(Guard newGuard) {
        return new ScheduleEntry(serialHex, sendingDomain, ariCertId, version, notBefore, notAfter, issuedAt,
                windowStart, windowEnd, due, nextAriCheck, attempt, orderedAt, newGuard, queued);
    }

    public ScheduleEntry withQueued(boolean newQueued) {
        return new ScheduleEntry(serialHex, sendingDomain, ariCertId, version, notBefore, notAfter, issuedAt,
                windowStart, windowEnd, due, nextAriCheck, attempt, orderedAt, guard, newQueued);
    }

    /** After an order was sent at {@code now}: one more attempt, no longer queued. */
    public ScheduleEntry ordered(long now) {
        return new ScheduleEntry(serialHex, sendingDomain, ariCertId, version, notBefore, notAfter, issuedAt,
                windowStart, windowEnd, due, nextAriCheck, attempt + 1, now, guard, false);
    }

    /** The stored form: a format byte, then the fields in declaration order. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(serialHex);
            out.writeUTF(sendingDomain);
            out.writeUTF(ariCertId);
            out.writeLong(version);
            out.writeLong(notBefore);
            out.writeLong(notAfter);
            out.writeLong(issuedAt);
            out.writeLong(windowStart);
            out.writeLong(windowEnd);
            out.writeLong(due);
            out.writeLong(nextAriCheck);
            out.writeInt(attempt);
            out.writeLong(orderedAt);
            out.writeByte(guard.ordinal());
            out.writeBoolean(queued);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads what {@link #toBytes()} wrote; a foreign format is a bug, not input. */
    public static ScheduleEntry fromBytes(byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("schedule entry format " + format + " is not " + FORMAT);
            }
            return new ScheduleEntry(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), in.readLong(),
                    in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readInt(), in.readLong(), Guard.values()[in.readByte()], in.readBoolean());
        } catch (IOException e) {
            throw new IllegalStateException("truncated schedule entry", e);
        }
    }
}
