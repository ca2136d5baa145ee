package dev.telemetry.sketch;

import java.io.ByteArrayOutputStream;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The serialized form of a {@link LatencySketch}, version 1:
 *
 * <pre>
 * magic      2 bytes  'L' 'S'
 * version    1 byte   1
 * scale      1 byte   6
 * zeroCount  varint
 * sum, min, max       3 × 8 bytes, IEEE-754 big-endian (min/max are ±infinity when empty)
 * buckets    varint   number of non-empty buckets, then for each, ascending:
 *   index delta  zigzag varint (from 0 for the first, else from the previous index)
 *   count        varint (> 0)
 * crc32      4 bytes  big-endian, over everything before it
 * </pre>
 *
 * Adjacent non-empty buckets make most deltas and counts one byte, so a typical latency
 * distribution (a few hundred buckets) stays well under 1 KiB.
 */
final class SketchCodec {

    private static final byte MAGIC_0 = 'L';
    private static final byte MAGIC_1 = 'S';
    private static final byte VERSION = 1;
    private static final int CRC_BYTES = 4;
    /** magic, version, scale, zeroCount (≥ 1 byte), 3 doubles, bucket count (≥ 1 byte), crc. */
    private static final int MIN_LENGTH = 2 + 1 + 1 + 1 + 3 * Double.BYTES + 1 + CRC_BYTES;

    private SketchCodec() {
    }

    static byte[] encode(LatencySketch sketch) {
        Writer out = new Writer();
        out.write(MAGIC_0);
        out.write(MAGIC_1);
        out.write(VERSION);
        out.write(LatencySketch.SCALE);
        out.writeVarint(sketch.zeroCount());
        out.writeDouble(sketch.sum());
        out.writeDouble(sketch.rawMin());
        out.writeDouble(sketch.rawMax());
        int[] buckets = {0};
        sketch.forEachBucket((index, count) -> buckets[0]++);
        out.writeVarint(buckets[0]);
        int[] previous = {0};
        sketch.forEachBucket((index, count) -> {
            out.writeVarint(zigzag(index - previous[0]));
            out.writeVarint(count);
            previous[0] = index;
        });
        CRC32 crc = new CRC32();
        crc.update(out.buffer(), 0, out.size());
        out.writeInt((int) crc.getValue());
        return out.toByteArray();
    }

    static LatencySketch decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < 2) {
            throw new SketchFormatException("truncated: " + bytes.length + " bytes is shorter than the header");
        }
        if (bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1) {
            throw new SketchFormatException(String.format(
                    "not a LatencySketch: expected magic 0x4c53 but found 0x%02x%02x", bytes[0], bytes[1]));
        }
        if (bytes.length < 3) {
            throw new SketchFormatException("truncated: no version byte");
        }
        if (bytes[2] != VERSION) {
            throw new SketchFormatException("unsupported LatencySketch format version " + (bytes[2] & 0xff)
                    + " (this build reads version " + VERSION + ")");
        }
        if (bytes.length < MIN_LENGTH) {
            throw new SketchFormatException("truncated: " + bytes.length + " bytes, at least " + MIN_LENGTH + " expected");
        }
        int bodyLength = bytes.length - CRC_BYTES;
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bodyLength);
        Reader in = new Reader(bytes, 3, bodyLength);
        if ((int) crc.getValue() != in.intAt(bodyLength)) {
            throw new SketchFormatException("corrupt or truncated: CRC32 checksum mismatch");
        }
        int scale = in.readByte();
        if (scale != LatencySketch.SCALE) {
            throw new SketchFormatException("unsupported scale " + scale + " (expected " + LatencySketch.SCALE + ")");
        }
        long zeroCount = in.readCount("zero count");
        double sum = in.readDouble();
        double min = in.readDouble();
        double max = in.readDouble();
        long buckets = in.readCount("bucket count");
        if (buckets > in.remaining() / 2) {
            throw new SketchFormatException("corrupt: " + buckets + " buckets cannot fit in " + in.remaining() + " bytes");
        }
        LatencySketch sketch = new LatencySketch();
        long total = 0;
        long index = 0;
        for (long b = 0; b < buckets; b++) {
            long delta = unzigzag(in.readVarint("bucket index"));
            if (b > 0 && delta <= 0) {
                throw new SketchFormatException("corrupt: bucket indexes are not ascending");
            }
            index += delta;
            if (index < ExponentialBuckets.MIN_INDEX || index > ExponentialBuckets.MAX_INDEX) {
                throw new SketchFormatException("corrupt: bucket index " + index + " is outside the range of doubles");
            }
            long count = in.readCount("bucket count");
            if (count == 0) {
                throw new SketchFormatException("corrupt: empty bucket " + index + " is never written");
            }
            total += count;
            if (total < 0) {
                throw new SketchFormatException("corrupt: total count overflows");
            }
            sketch.addToBucket((int) index, count);
            if (b == 0 && buckets > 1) {
                reserveUpTo(sketch, (int) index, max);
            }
        }
        if (in.remaining() != 0) {
            throw new SketchFormatException("corrupt: " + in.remaining() + " unexpected bytes after the buckets");
        }
        sketch.restoreSummary(zeroCount, sum, min, max);
        if (sketch.count() < 0 || (sketch.count() > 0 && !(min <= max))) {
            throw new SketchFormatException("corrupt: inconsistent count, min or max");
        }
        return sketch;
    }

    /**
     * Widens the sketch's window once, from its lowest bucket {@code lowest} to the bucket of its
     * maximum (its highest bucket), before the other buckets are added in ascending order; added one
     * by one, a wide sketch (hundreds of buckets, as a node-merged row holds) would widen and
     * re-centre its window again and again (ADR 0018, 2026-11-29). A zero count only widens. A
     * maximum that does not fit (corrupt, or no value above the zero bucket) is no hint: the buckets
     * then widen the window as they come.
     */
    private static void reserveUpTo(LatencySketch sketch, int lowest, double max) {
        if (max > LatencySketch.MIN_TRACKABLE_VALUE && max < Double.POSITIVE_INFINITY) {
            int highest = ExponentialBuckets.indexOf(max);
            if (highest > lowest && highest - lowest < LatencySketch.MAX_BUCKETS) {
                sketch.addToBucket(highest, 0);
            }
        }
    }

    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    /** A growable byte buffer with the few primitive writes the format needs. */
    private static final class Writer extends ByteArrayOutputStream {

        Writer() {
            super(256);
        }

        void writeVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                write((int) (value & 0x7F) | 0x80);
                value >>>= 7;
            }
            write((int) value);
        }

        void writeDouble(double value) {
            long bits = Double.doubleToRawLongBits(value);
            writeInt((int) (bits >>> 32));
            writeInt((int) bits);
        }

        void writeInt(int value) {
            write(value >>> 24);
            write(value >>> 16);
            write(value >>> 8);
            write(value);
        }

        byte[] buffer() {
            return buf;
        }
    }

    /** Reads within {@code [position, limit)}; running past the limit is a format error, never an AIOOBE. */
    private static final class Reader {

        private final byte[] bytes;
        private final int limit;
        private int position;

        Reader(byte[] bytes, int position, int limit) {
            this.bytes = bytes;
            this.position = position;
            this.limit = limit;
        }

        int remaining() {
            return limit - position;
        }


        int readByte() {
            if (position >= limit) {
                throw new SketchFormatException("truncated: unexpected end of data at byte " + position);
            }
            return bytes[position++] & 0xff;
        }

        long readVarint(String what) {
            // Most bucket deltas and counts are one byte: read those without the bounds checks of readByte.
            if (position < limit && bytes[position] >= 0) {
                return bytes[position++];
            }
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = readByte();
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new SketchFormatException("corrupt: " + what + " varint longer than 10 bytes");
        }

        long readCount(String what) {
            long value = readVarint(what);
            if (value < 0) {
                throw new SketchFormatException("corrupt: negative " + what);
            }
            return value;
        }

        double readDouble() {
            long high = readInt() & 0xFFFFFFFFL;
            long low = readInt() & 0xFFFFFFFFL;
            return Double.longBitsToDouble(high << 32 | low);
        }

        private int readInt() {
            return readByte() << 24 | readByte() << 16 | readByte() << 8 | readByte();
        }

        int intAt(int at) {
            return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | (bytes[at + 3] & 0xff);
        }
    }
}
