package dev.telemetry.sketch;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The sketch layout before ADR 0053, frozen as a test oracle: one dense {@code long[]} window
 * that doubles as the range widens, and the version-1 encoder written against it. The new paged,
 * packed layout must produce the same buckets, the same collapse and the same bytes.
 */
final class DenseWindowReference {

    private static final double MIN_TRACKABLE_VALUE = 1e-9;
    private static final int MAX_BUCKETS = 8192;
    private static final int INITIAL_BUCKETS = 128;
    private static final long[] NO_BUCKETS = {};

    private long[] counts = NO_BUCKETS;
    private int offset;
    private long zeroCount;
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    public boolean record(double value) {
        if (!(value >= MIN_TRACKABLE_VALUE)) {
            if (!(value >= 0)) {
                return false;
            }
            zeroCount++;
        } else if (value == Double.POSITIVE_INFINITY) {
            return false;
        } else {
            int slot = ExponentialBuckets.indexOf(value) - offset;
            if (slot < 0 || slot >= counts.length) {
                slot = slotAfterWidening(ExponentialBuckets.indexOf(value));
            }
            counts[slot]++;
        }
        count++;
        sum += value;
        if (value < min) {
            min = value;
        }
        if (value > max) {
            max = value;
        }
        return true;
    }

    /**
     * Records a value {@code times} times.
     *
     * @return false, recording nothing, when the value is NaN, infinite or negative or
     *     {@code times} is not positive
     */
    public boolean record(double value, long times) {
        if (times <= 0 || !(value >= 0) || value == Double.POSITIVE_INFINITY) {
            return false;
        }
        if (value < MIN_TRACKABLE_VALUE) {
            zeroCount += times;
        } else {
            addToSlot(slotOf(ExponentialBuckets.indexOf(value)), times);
        }
        count += times;
        sum += value * times;
        min = Math.min(min, value);
        max = Math.max(max, value);
        return true;
    }

    public void merge(DenseWindowReference other) {
        if (other.count == 0) {
            return;
        }
        int lowest = other.lowestNonEmptySlot();
        if (lowest >= 0) {
            int highest = other.highestNonEmptySlot();
            long[] source = other.counts;
            int sourceOffset = other.offset;
            // Widen once for the whole range so the loop below only adds; widening may collapse.
            widenToCover(sourceOffset + lowest, sourceOffset + highest);
            for (int slot = lowest; slot <= highest; slot++) {
                long times = source[slot];
                if (times != 0) {
                    counts[Math.max(sourceOffset + slot - offset, 0)] += times;
                }
            }
        }
        zeroCount += other.zeroCount;
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    void clear() {
        Arrays.fill(counts, 0);
        zeroCount = 0;
        count = 0;
        sum = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
    }

    long count() {
        return count;
    }

    /** The version-1 bytes, as {@code SketchCodec.encode} wrote them for this layout. */
    byte[] toBytes() {
        Out out = new Out();
        out.write('L');
        out.write('S');
        out.write(1);
        out.write(6);
        out.varint(zeroCount);
        out.doubleBits(sum);
        out.doubleBits(min);
        out.doubleBits(max);
        int buckets = 0;
        for (long c : counts) {
            if (c != 0) {
                buckets++;
            }
        }
        out.varint(buckets);
        int previous = 0;
        for (int slot = 0; slot < counts.length; slot++) {
            if (counts[slot] != 0) {
                int index = offset + slot;
                long delta = index - previous;
                out.varint((delta << 1) ^ (delta >> 63));
                out.varint(counts[slot]);
                previous = index;
            }
        }
        CRC32 crc = new CRC32();
        crc.update(out.toByteArray());
        out.int32((int) crc.getValue());
        return out.toByteArray();
    }

    private static final class Out extends ByteArrayOutputStream {
        void varint(long value) {
            while ((value & ~0x7FL) != 0) {
                write((int) (value & 0x7F) | 0x80);
                value >>>= 7;
            }
            write((int) value);
        }

        void doubleBits(double value) {
            long bits = Double.doubleToRawLongBits(value);
            int32((int) (bits >>> 32));
            int32((int) bits);
        }

        void int32(int value) {
            write(value >>> 24);
            write(value >>> 16);
            write(value >>> 8);
            write(value);
        }
    }

    /** Takes the slot first: {@code counts[slotOf(i)] += n} would load the array before widening replaces it. */
    private void addToSlot(int slot, long times) {
        counts[slot] += times;
    }

    private int slotOf(int index) {
        int slot = index - offset;
        return slot >= 0 && slot < counts.length ? slot : slotAfterWidening(index);
    }

    private int slotAfterWidening(int index) {
        widenToCover(index, index);
        return Math.max(index - offset, 0);
    }

    /**
     * Widens the window to hold the indexes {@code [lowIndex, highIndex]}. The window doubles
     * until it spans them and the occupied buckets, centred to leave room on both sides; past
     * {@link #MAX_BUCKETS} it keeps the highest buckets and folds the lower ones into the lowest
     * kept bucket, where callers also put any index below the window.
     */
    private void widenToCover(int lowIndex, int highIndex) {
        if (lowIndex >= offset && highIndex - offset < counts.length) {
            return;
        }
        int lowestSlot = lowestNonEmptySlot();
        int low = lowestSlot < 0 ? lowIndex : Math.min(lowIndex, offset + lowestSlot);
        int high = lowestSlot < 0 ? highIndex : Math.max(highIndex, offset + highestNonEmptySlot());
        long span = (long) high - low + 1;
        int length = Math.max(counts.length, INITIAL_BUCKETS);
        while (length < span && length < MAX_BUCKETS) {
            length *= 2;
        }
        int newOffset;
        if (span > length) {
            newOffset = high - length + 1;
        } else {
            newOffset = (int) Math.max((long) ExponentialBuckets.MIN_INDEX, low - (length - span) / 2);
        }
        long[] target = length == counts.length ? counts : new long[length];
        moveCounts(target, newOffset);
        counts = target;
        offset = newOffset;
    }

    /** Moves the counts into {@code target} re-based at {@code newOffset}, folding any below it. */
    private void moveCounts(long[] target, int newOffset) {
        long[] source = counts;
        int sourceOffset = offset;
        long folded = 0;
        int firstKept = 0;
        for (; firstKept < source.length && sourceOffset + firstKept < newOffset; firstKept++) {
            folded += source[firstKept];
        }
        int keptLength = Math.max(0, Math.min(source.length - firstKept,
                target.length - (sourceOffset + firstKept - newOffset)));
        if (keptLength > 0) {
            System.arraycopy(source, firstKept, target, sourceOffset + firstKept - newOffset, keptLength);
        }
        if (target == source) {
            // Same array shifted in place: clear what the copy did not overwrite.
            int keptFrom = sourceOffset + firstKept - newOffset;
            Arrays.fill(target, 0, Math.max(0, Math.min(keptFrom, target.length)), 0);
            Arrays.fill(target, Math.max(0, Math.min(keptFrom + keptLength, target.length)), target.length, 0);
        }
        target[0] += folded;
    }

    private int lowestNonEmptySlot() {
        for (int slot = 0; slot < counts.length; slot++) {
            if (counts[slot] != 0) {
                return slot;
            }
        }
        return -1;
    }

    private int highestNonEmptySlot() {
        for (int slot = counts.length - 1; slot >= 0; slot--) {
            if (counts[slot] != 0) {
                return slot;
            }
        }
        return -1;
    }
}
