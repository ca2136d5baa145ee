package dev.telemetry.sketch;

import java.util.Arrays;

/**
 * The bucket counts of a {@link LatencySketch}: pages of 64 consecutive buckets (one octave),
 * each allocated when a value first lands in its range, each packing its counts in 8, 16, 32 or
 * 64 bits and widened on the record that would overflow one.
 *
 * <p>Why not one dense {@code long[]}: latencies over six decades span 1,276 buckets, and a
 * dense window doubling to cover them is 2,048 longs, 16 KiB per sketch, while counts in one
 * flush interval rarely exceed 255 per bucket. Here such a sketch holds 20 pages of 8-bit counts
 * (80 bytes each), about 1.7 KiB; a page whose counts grow widens alone (ADR 0053). Counts,
 * indexes, collapse and therefore quantiles and {@link SketchCodec} bytes are exactly those of the
 * dense window it replaces.
 *
 * <p>Layout: a page of 64 counts at {@code w} bits is {@code w} longs, so a page's width is its
 * length and needs no field. Count {@code b} of a page occupies bits {@code [b·w, b·w + w)} of the
 * page read as one little-endian bit string. {@code pages[p]} holds the buckets
 * {@code offset + 64·p … offset + 64·p + 63}; the directory never spans more than
 * {@link LatencySketch#MAX_BUCKETS} buckets, so the occupied range cannot either. Past that the
 * lowest buckets fold into the lowest kept one, exactly as the dense window did.
 *
 * <p>Not thread-safe, like the sketch that owns it.
 */
final class BucketCounts {

    static final int PAGE_BITS = 6;
    static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    /** Bits per count on a new page: one interval's counts rarely reach 255 in a bucket. */
    static final int NARROWEST_WIDTH = 8;
    private static final int MAX_PAGES = LatencySketch.MAX_BUCKETS / PAGE_SIZE;
    private static final long[][] NO_PAGES = {};
    /** Returned by {@link #lowestIndex()} and {@link #highestIndex()} when every count is zero. */
    static final int NONE = Integer.MIN_VALUE;

    private long[][] pages = NO_PAGES;
    private int offset;

    /** Adds one to bucket {@code index}: the record path, allocation-free once its page exists at a width that fits. */
    void increment(int index) {
        int slot = index - offset;
        long[][] directory = pages;
        int p = slot >>> PAGE_BITS; // a negative slot becomes huge and fails the bound check
        if (p < directory.length) {
            long[] page = directory[p];
            if (page != null) {
                int width = page.length;
                int bit = (slot & PAGE_MASK) * width;
                int word = bit >>> 6;
                long cell = page[word];
                // Java shifts take the count mod 64: 'cell >>> bit' reads this count's field and
                // '-1L >>> -width' is its mask (all ones at width 64, where nothing can overflow).
                long mask = -1L >>> -width;
                if (((cell >>> bit) & mask) != mask) {
                    page[word] = cell + (1L << bit);
                    return;
                }
            }
        }
        add(index, 1);
    }

    /** Adds {@code times} (positive) to bucket {@code index}, widening, allocating or collapsing as needed. */
    void add(int index, long times) {
        int slot = index - offset;
        if (slot < 0 || (slot >>> PAGE_BITS) >= pages.length) {
            cover(index, index);
            slot = Math.max(index - offset, 0);
        }
        addToSlot(slot, times);
    }

    /** Adds every count of {@code other}: exact, as both share one bucket layout. */
    void addAll(BucketCounts other) {
        int low = other.lowestIndex();
        if (low == NONE) {
            return;
        }
        // Cover the whole range once, so the visit below only adds; covering may collapse, and
        // a bucket below the kept range then folds into the lowest kept one. (Merging a sketch
        // into itself works too: each word is read before its buckets are added to.)
        cover(low, other.highestIndex());
        other.forEach((index, count) -> addToSlot(Math.max(index - offset, 0), count));
    }

    /** Calls {@code visitor} with each non-empty bucket in ascending index order. */
    void forEach(LatencySketch.BucketVisitor visitor) {
        firstWhere((index, count) -> {
            visitor.visit(index, count);
            return false;
        });
    }

    /**
     * The index of the bucket where the running count, starting at {@code seen}, first reaches
     * {@code rank}; {@link #NONE} if it never does.
     */
    int indexAtRank(long seen, long rank) {
        long[] running = {seen};
        return firstWhere((index, count) -> (running[0] += count) >= rank);
    }

    @FunctionalInterface
    private interface BucketTest {
        boolean test(int index, long count);
    }

    /**
     * Visits the non-empty buckets in ascending index order until {@code test} returns true, and
     * returns that bucket's index, or {@link #NONE}. Words that are all zero are skipped whole.
     */
    private int firstWhere(BucketTest test) {
        for (int p = 0; p < pages.length; p++) {
            long[] page = pages[p];
            if (page == null) {
                continue;
            }
            int width = page.length;
            int perWord = Long.SIZE / width;
            long mask = -1L >>> -width;
            for (int word = 0; word < width; word++) {
                long cell = page[word];
                for (int k = 0; cell != 0; k++, cell = width == Long.SIZE ? 0 : cell >>> width) {
                    long count = cell & mask;
                    int index = offset + (p << PAGE_BITS) + word * perWord + k;
                    if (count != 0 && test.test(index, count)) {
                        return index;
                    }
                }
            }
        }
        return NONE;
    }

    /** Sets every count to zero, keeping the pages and their widths so reuse allocates nothing. */
    void clear() {
        for (long[] page : pages) {
            if (page != null) {
                Arrays.fill(page, 0);
            }
        }
    }

    /** An independent copy. */
    BucketCounts copy() {
        BucketCounts copy = new BucketCounts();
        if (pages.length > 0) {
            copy.pages = new long[pages.length][];
            for (int p = 0; p < pages.length; p++) {
                copy.pages[p] = pages[p] == null ? null : pages[p].clone();
            }
        }
        copy.offset = offset;
        return copy;
    }

    /** Heap bytes of this object, its directory and its pages (compressed references, 8-byte alignment). */
    long heapBytes() {
        long bytes = 24; // header 12, a reference, an int
        if (pages.length > 0) {
            bytes += (16 + 4L * pages.length + 7) & ~7L;
        }
        for (long[] page : pages) {
            if (page != null) {
                bytes += 16 + 8L * page.length;
            }
        }
        return bytes;
    }

    /** The lowest index with a non-zero count, or {@link #NONE}. */
    int lowestIndex() {
        for (int p = 0; p < pages.length; p++) {
            long[] page = pages[p];
            if (page != null) {
                for (int bucket = 0; bucket < PAGE_SIZE; bucket++) {
                    if (countAt(page, bucket) != 0) {
                        return offset + (p << PAGE_BITS) + bucket;
                    }
                }
            }
        }
        return NONE;
    }

    /** The highest index with a non-zero count, or {@link #NONE}. */
    int highestIndex() {
        for (int p = pages.length - 1; p >= 0; p--) {
            long[] page = pages[p];
            if (page != null) {
                for (int bucket = PAGE_SIZE - 1; bucket >= 0; bucket--) {
                    if (countAt(page, bucket) != 0) {
                        return offset + (p << PAGE_BITS) + bucket;
                    }
                }
            }
        }
        return NONE;
    }

    /** Bits per count of the page holding {@code index}, or 0 if it has none (tests). */
    int widthAt(int index) {
        int slot = index - offset;
        if (slot < 0 || (slot >>> PAGE_BITS) >= pages.length || pages[slot >>> PAGE_BITS] == null) {
            return 0;
        }
        return pages[slot >>> PAGE_BITS].length;
    }

    // --- packed pages ------------------------------------------------------------------------

    static long countAt(long[] page, int bucket) {
        int width = page.length;
        int bit = bucket * width;
        return (page[bit >>> 6] >>> bit) & (-1L >>> -width);
    }

    private static void setCount(long[] page, int bucket, long count) {
        int width = page.length;
        int bit = bucket * width;
        long mask = -1L >>> -width;
        int word = bit >>> 6;
        page[word] = page[word] & ~(mask << bit) | (count << bit);
    }

    /** The narrowest width (8, 16, 32 or 64 bits) holding {@code count}, at least {@code width}. */
    private static int widthFor(long count, int width) {
        int needed = Long.SIZE - Long.numberOfLeadingZeros(count);
        while (width < needed) {
            width *= 2;
        }
        return width;
    }

    /** Adds to the count at {@code slot}, which the directory covers. */
    private void addToSlot(int slot, long times) {
        int p = slot >>> PAGE_BITS;
        int bucket = slot & PAGE_MASK;
        long[] page = pages[p];
        if (page == null) {
            page = new long[widthFor(times, NARROWEST_WIDTH)];
            pages[p] = page;
        }
        long count = countAt(page, bucket) + times;
        int width = page.length;
        if (width < Long.SIZE && Long.compareUnsigned(count, -1L >>> -width) > 0) {
            page = widened(page, widthFor(count, width));
            pages[p] = page;
        }
        setCount(page, bucket, count);
    }

    private static long[] widened(long[] page, int width) {
        long[] wider = new long[width];
        for (int bucket = 0; bucket < PAGE_SIZE; bucket++) {
            long count = countAt(page, bucket);
            if (count != 0) {
                setCount(wider, bucket, count);
            }
        }
        return wider;
    }

    // --- the directory -----------------------------------------------------------------------

    /**
     * Makes the directory hold the indexes {@code [low, high]} and every non-zero count. Pages
     * keep their place when the directory grows by whole pages; past
     * {@link LatencySketch#MAX_BUCKETS} the counts are re-based so that the highest
     * {@code MAX_BUCKETS} buckets are kept and lower ones fold into the lowest kept bucket, where
     * callers also put any index below the directory.
     */
    private void cover(int low, int high) {
        int occupiedLow = lowestIndex();
        if (occupiedLow != NONE) {
            low = Math.min(low, occupiedLow);
            high = Math.max(high, highestIndex());
        }
        long span = (long) high - low + 1;
        if (span > LatencySketch.MAX_BUCKETS) {
            int keptLow = high - LatencySketch.MAX_BUCKETS + 1;
            if (keptLow != offset || pages.length != MAX_PAGES) {
                rebase(keptLow, MAX_PAGES);
            }
            return;
        }
        if (pages.length > 0 && low >= offset && high - offset < (long) pages.length * PAGE_SIZE) {
            return;
        }
        // Grow on the page grid, keeping every page (empty ones too, for reuse after a clear)
        // while that fits; else keep the pages the range needs; else (a range not fitting the
        // grid, near the cap) re-base at its low end.
        int aligned = pages.length == 0
                ? Math.floorDiv(low, PAGE_SIZE) * PAGE_SIZE
                : offset + Math.floorDiv(low - offset, PAGE_SIZE) * PAGE_SIZE;
        int keptFrom = pages.length == 0 ? aligned : Math.min(aligned, offset);
        int keptTo = pages.length == 0 ? high : Math.max(high, offset + pages.length * PAGE_SIZE - 1);
        if (pagesFor(keptFrom, keptTo) <= MAX_PAGES) {
            regrid(keptFrom, pagesFor(keptFrom, keptTo));
        } else if (pagesFor(aligned, high) <= MAX_PAGES) {
            regrid(aligned, pagesFor(aligned, high));
        } else {
            rebase(low, pagesFor(low, high));
        }
    }

    /** A directory of {@code pageCount} pages from {@code newOffset}, on the current page grid; pages outside it are empty. */
    private void regrid(int newOffset, int pageCount) {
        long[][] moved = new long[pageCount][];
        int shift = (newOffset - offset) >> PAGE_BITS;
        for (int p = 0; p < pageCount; p++) {
            int from = p + shift;
            if (from >= 0 && from < pages.length) {
                moved[p] = pages[from];
            }
        }
        pages = moved;
        offset = newOffset;
    }

    /** Moves every count into a new directory starting at {@code newOffset}, folding lower ones into it. */
    private void rebase(int newOffset, int pageCount) {
        BucketCounts old = copy();
        pages = new long[pageCount][];
        offset = newOffset;
        old.forEach((index, count) -> addToSlot(Math.max(index - newOffset, 0), count));
    }

    private static int pagesFor(int from, int to) {
        return (int) (((long) to - from) / PAGE_SIZE) + 1;
    }

}
