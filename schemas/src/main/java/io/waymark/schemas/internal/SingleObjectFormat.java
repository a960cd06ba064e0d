package io.waymark.schemas.internal;

import java.io.IOException;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * The framing of Avro's single-object encoding: {@code C3 01}, the 8-byte little-endian
 * CRC-64-AVRO fingerprint of the writer schema's parsing canonical form, then the binary body.
 *
 * <p>Besides reading the header this class checks, before anything is decoded, that a body is
 * well formed for its writer schema: every length and count stays within the bytes at hand and
 * nothing trails the record. Avro allocates a string, bytes or collection at the size the input
 * announces, so without this check a few corrupt bytes could ask for gigabytes.
 */
public final class SingleObjectFormat {

    /** Length of the header: two magic bytes and the fingerprint. */
    public static final int HEADER_LENGTH = 10;

    private static final byte MAGIC_0 = (byte) 0xC3;
    private static final byte MAGIC_1 = (byte) 0x01;

    private SingleObjectFormat() {
    }

    /**
     * Reads the writer schema's fingerprint from the header.
     *
     * @throws MalformedRecordException when the data is too short or does not start with {@code C3 01}
     */
    public static long fingerprint(byte[] data) {
        if (data.length >= 2 && (data[0] != MAGIC_0 || data[1] != MAGIC_1)) {
            throw new MalformedRecordException(String.format(Locale.ROOT,
                    "bad magic %02x %02x, expected c3 01 (not Avro single-object encoding)",
                    data[0] & 0xff, data[1] & 0xff));
        }
        if (data.length < HEADER_LENGTH) {
            throw new MalformedRecordException(
                    "too short for a single-object header: " + data.length + " bytes, need " + HEADER_LENGTH);
        }
        long fingerprint = 0;
        for (int i = HEADER_LENGTH - 1; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (data[i] & 0xffL);
        }
        return fingerprint;
    }

    /** The fingerprint as 16 lower-case hex digits, as printed in every message about it. */
    public static String hex(long fingerprint) {
        return String.format(Locale.ROOT, "%016x", fingerprint);
    }

    /**
     * Walks the body once without building anything and fails unless it is exactly one
     * well-formed datum of {@code writer}.
     *
     * @throws MalformedRecordException naming what is wrong
     */
    public static void requireWellFormedBody(Schema writer, byte[] data) {
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(data, HEADER_LENGTH, data.length - HEADER_LENGTH, null);
        try {
            // skip() advances over lengths without allocating and fails at the end of input
            GenericDatumReader.skip(writer, decoder);
            if (!decoder.isEnd()) {
                throw new MalformedRecordException("bytes left over after the record");
            }
        } catch (IOException e) {
            throw new MalformedRecordException("body truncated or corrupt (" + describe(e) + ")", e);
        } catch (RuntimeException e) {
            if (e instanceof MalformedRecordException) {
                throw e;
            }
            throw new MalformedRecordException("body corrupt (" + describe(e) + ")", e);
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
