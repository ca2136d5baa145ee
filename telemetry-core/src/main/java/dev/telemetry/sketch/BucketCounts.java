package dev.telemetry.sketch;

import java.util.Arrays;

/**
 * The bucket counts of a {@link LatencySketch}: a window of consecutive buckets whose counts are
 * packed 8, 16, 32 or 64 bits each into one {@code long[]}, all at one width, widened by the
 * record that would overflow one (DDSketch's "dense store with upgrade", packed as in
 * HdrHistogram's packed array).
 *
 * <p>Why not a plain {@code long[]}: latencies over six decades span 1,276 buckets, and a window
 * of longs doubling to cover them is 16 KiB per sketch, while counts in one flush interval rarely
 * pass 255 in a bucket: 7 of every 8 bytes were zero high bits. Here such a sketch is about
 * 1.4 KiB, and the window grows by octaves (64 buckets), not by doubling. Why one width for the
 * whole window rather than one per page: a record then reads the count's word straight from the
 * array, as it did from the {@code long[]}; pages with their own width cost two more dependent
 * loads per record, measured at 1.3–2.5× the bound record's time (ADR 0053).
 *
 * <p>Count {@code s} of the window (bucket {@code offset + s}) occupies bits
 * {@code [s·w, s·w + w)} of {@code words}, read as one little-endian bit string. Counts, indexes,
 * collapse and therefore quantiles and {@link SketchCodec} bytes are exactly those of the
 * {@code long[]} window it replaced: at most {@link LatencySketch#MAX_BUCKETS} buckets are kept,
 * and past that the lowest ones fold into the lowest kept one.
 *
 * <p>A superclass rather than a field of the sketch, so a record reads the window's fields from the
 * sketch object itself: one dependent load fewer on the record path (the layout trick of
 * {@code dev.telemetry.Stripe}). Not thread-safe, like the sketch.
 */
abstract class BucketCounts {

    /** Buckets are added to the window an octave at a time. */
    static final int GROWTH = 64;
    /** log2 of the bits per count of a new window: 8-bit counts. */
    private static final int NARROWEST_SHIFT = 3;
    private static final int WIDEST_SHIFT = 6;
    private static final long[] NO_WORDS = {};
    /** Returned by {@link #lowestIndex()}, {@link #highestIndex()} and searches that find nothing. */
    static final int NONE = Integer.MIN_VALUE;

    private long[] words = NO_WORDS;
    /** The window's first bucket index. */
    private int offset;
    /** Buckets in the window: a multiple of 64, so {@code words} holds whole longs at every width. */
    private int capacity;
    /** log2 of the bits per count: 3 to 6 (8 to 64 bits). */
    private int widthShift = NARROWEST_SHIFT;
    /** {@code 2^width - 1}: a count's field, all ones at 64 bits (where a count cannot overflow first). */
    private long countMask = -1L >>> -(1 << NARROWEST_SHIFT);

    /** Adds one to bucket {@code index}: the record path, allocation-free once the window covers it at a width that fits. */
    final void increment(int index) {
        int slot = index - offset;
        long[] w = words;
        if (slot >= 0 && slot < capacity) {
            int bit = slot << widthShift;
            int word = bit >>> 6;
            long cell = w[word];
            // Java shifts take the count mod 64, so '1L << bit' is one in this count's field. The
            // field overflowed exactly when it wrapped to zero (the carry left it); then widen.
            // Testing the sum rather than extracting the count first measured 4.5 against
            // 5.4 ns a record (thread CPU time; the long[] window: 3.5 ns).
            long next = cell + (1L << bit);
            if ((next & (countMask << bit)) != 0) {
                w[word] = next;
                return;
            }
        }
        add(index, 1);
    }

    /** Adds {@code times} (positive) to bucket {@code index}, growing, widening or collapsing as needed. */
    final void add(int index, long times) {
        int slot = index - offset;
        if (slot < 0 || slot >= capacity) {
            cover(index, index);
            slot = Math.max(index - offset, 0);
        }
        addToSlot(slot, times);
    }

    /** Adds every count of {@code other}: exact, as both share one bucket layout. */
    final void addAll(BucketCounts other) {
        int low = other.lowestIndex();
        if (low == NONE) {
            return;
        }
        int high = other.highestIndex();
        if (words.length == 0 && other.isTight(low, high)) {
            // Nothing here yet (a fresh total, as every rollup, trend step and cluster merge
            // starts): the sum is a copy, one array copy instead of a walk. Only of a window no
            // larger and no wider than one made for these counts would be, so a copy of a
            // long-lived sketch (a series' shared one keeps its window) holds no more memory.
            copyCountsFrom(other);
            return;
        }
        // Cover the whole range once, so the loops below only add; covering may collapse, and a
        // bucket below the kept range then folds into the lowest kept one. Merging a sketch into
        // itself works too: each word is read before its counts are added to, and a widening
        // leaves the array being read untouched.
        cover(low, high);
        long[] source = other.words;
        int sourceShift = other.widthShift;
        int sourceOffset = other.offset;
        int word = 0;
        if (low >= offset) {
            // No bucket folds: word-wise while these counts are at least as wide as the source's
            // (a widening on the way only makes them wider, so the loop goes on at the new width).
            while (word < source.length && widthShift >= sourceShift) {
                word = addWords(source, sourceOffset, sourceShift, word);
            }
        }
        int perWord = Long.SIZE >>> sourceShift;
        for (; word < source.length; word++) {
            addSourceFields(source[word], sourceOffset - offset + word * perWord, sourceShift);
        }
    }

    /**
     * Whether this window, holding counts in {@code [low, high]}, is one {@link #cover} would make
     * for them: no more buckets than their span in octaves plus one, and no wider than the largest
     * count needs (some count uses the upper half of its field).
     */
    private boolean isTight(int low, int high) {
        long span = (long) high - low + 1;
        if (capacity > Math.min(LatencySketch.MAX_BUCKETS, (span + GROWTH - 1) / GROWTH * GROWTH + GROWTH)) {
            return false;
        }
        if (widthShift == NARROWEST_SHIFT) {
            return true;
        }
        long any = 0;
        for (long cell : words) {
            any |= cell;
        }
        return (any & UPPER_HALVES[widthShift]) != 0;
    }

    /** The upper half of every count field, per width shift (16, 32, 64 bits). */
    private static final long[] UPPER_HALVES = {0, 0, 0, 0,
        0xFF00_FF00_FF00_FF00L, 0xFFFF_0000_FFFF_0000L, 0xFFFF_FFFF_0000_0000L};

    /**
     * Source words with fewer non-empty counts than this per part are added count by count: a part
     * costs about what one count does, so parts pay from two counts on (1 and 3 were slower,
     * ADR 0065).
     */
    private static final int MIN_COUNTS_PER_PART = 2;

    /** The top bit of every count field, per width shift (8, 16, 32, 64 bits). */
    private static final long[] FIELD_TOPS = {0, 0, 0,
        0x8080_8080_8080_8080L, 0x8000_8000_8000_8000L, 0x8000_0000_8000_0000L, 0x8000_0000_0000_0000L};

    /**
     * Adds the counts of {@code source} (at {@code 2^sourceShift} bits, no wider than these; every
     * non-empty bucket inside this window) a word at a time, from source word {@code from}. A source
     * word is cut into parts of as many counts as one word of this window holds, each part's counts
     * spread to this window's width, shifted into its alignment and added to at most two words, all
     * its counts at once, as long as no count carries out of its width (the carries are found
     * SWAR-style: the fields' low bits are added apart from their top bits). At the first part that
     * would overflow, the rest of that source word is added count by count, which widens the window,
     * and the caller goes on from the next source word at the new width.
     *
     * <p>Why: a running total is usually wider than the sketches merged into it (8-bit minutes into
     * a 16- or 32-bit hour), and adding those count by count, through the overflow test of each, cost
     * about 4× the {@code long[]} window's merge (ADR 0053); word by word a dense sketch merges in about
     * 0.6–0.75 of that time (ADR 0065).
     *
     * @return the first source word not added yet ({@code source.length} when all were)
     */
    private int addWords(long[] source, int sourceOffset, int sourceShift, int from) {
        int shift = widthShift;
        int parts = 1 << (shift - sourceShift);
        int partBits = Long.SIZE >>> (shift - sourceShift);
        long partMask = parts == 1 ? -1L : (1L << partBits) - 1;
        int perWord = Long.SIZE >>> shift;
        int width = 1 << shift;
        long tops = FIELD_TOPS[shift];
        long lows = ~tops;
        long[] w = words;
        int shift1 = SPREAD_SHIFT_1[sourceShift][shift];
        long mask1 = SPREAD_MASK_1[sourceShift][shift];
        int shift2 = SPREAD_SHIFT_2[sourceShift][shift];
        long mask2 = SPREAD_MASK_2[sourceShift][shift];
        // source word k, field f is bucket sourceOffset + k·perSourceWord + f, slot d + k·perSourceWord + f
        // here; part p of word k holds fields [p·perWord, (p+1)·perWord) and lands in word
        // firstWord + k·parts + p, shifted by bits (and the word after it, for the fields shifted out).
        int d = sourceOffset - offset;
        int firstWord = Math.floorDiv(d, perWord);
        int bits = Math.floorMod(d, perWord) * width;
        long sourceTops = FIELD_TOPS[sourceShift];
        long sourceLows = ~sourceTops;
        int perSourceWord = Long.SIZE >>> sourceShift;
        for (int k = from; k < source.length; k++) {
            long cell = source[k];
            if (cell == 0) {
                continue;
            }
            // A sparse word (as sketches of a few hundred values over many octaves are) goes count by
            // count: a part costs about what a count does, so parts pay only with two counts or more.
            int nonEmpty = Long.bitCount((((cell & sourceLows) + sourceLows) | cell) & sourceTops);
            if (nonEmpty < MIN_COUNTS_PER_PART * parts) {
                addSourceFields(cell, d + k * perSourceWord, sourceShift);
                if (words != w) {
                    return k + 1; // widened: the caller goes on at the new width
                }
                continue;
            }
            for (int p = 0; cell != 0; p++, cell = parts == 1 ? 0 : cell >>> partBits) {
                long part = cell & partMask;
                part = (part | (part << shift1)) & mask1;
                part = (part | (part << shift2)) & mask2;
                if (part == 0) {
                    continue;
                }
                // Zero parts are skipped, and a non-zero one lies inside the window: no bounds checks.
                int lowWord = firstWord + k * parts + p;
                long lowPart = part << bits;
                long highPart = bits == 0 ? 0 : part >>> (Long.SIZE - bits);
                long a = lowPart == 0 ? 0 : w[lowWord];
                long b = highPart == 0 ? 0 : w[lowWord + 1];
                long lowSums = (a & lows) + (lowPart & lows);
                long highSums = (b & lows) + (highPart & lows);
                long carriesOut = (((a & lowPart) | ((a | lowPart) & lowSums))
                        | ((b & highPart) | ((b | highPart) & highSums))) & tops;
                if (carriesOut != 0) {
                    // Count by count from this part on (slots do not depend on the width).
                    addSourceFields(cell, d + k * perSourceWord + p * perWord, sourceShift);
                    return k + 1;
                }
                if (lowPart != 0) {
                    w[lowWord] = lowSums ^ ((a ^ lowPart) & tops);
                }
                if (highPart != 0) {
                    w[lowWord + 1] = highSums ^ ((b ^ highPart) & tops);
                }
            }
        }
        return source.length;
    }

    /**
     * How a part's counts spread to a wider width, per {@code [fromShift][toShift]}: two steps
     * {@code x = (x | x << shift) & mask}, each moving the upper field of every pair up (as
     * bit-interleaving tricks do); a step of shift 0 and mask -1 leaves {@code x} as it is. A part
     * spread to 64 bits holds one count, already in place.
     */
    private static final int[][] SPREAD_SHIFT_1 = new int[7][7];
    private static final long[][] SPREAD_MASK_1 = new long[7][7];
    private static final int[][] SPREAD_SHIFT_2 = new int[7][7];
    private static final long[][] SPREAD_MASK_2 = new long[7][7];

    static {
        for (long[] row : SPREAD_MASK_1) {
            Arrays.fill(row, -1L);
        }
        for (long[] row : SPREAD_MASK_2) {
            Arrays.fill(row, -1L);
        }
        // 8 to 16 bits: four bytes, pairs of bytes to 32-bit halves, then bytes to 16-bit fields.
        SPREAD_SHIFT_1[3][4] = 16;
        SPREAD_MASK_1[3][4] = 0x0000_FFFF_0000_FFFFL;
        SPREAD_SHIFT_2[3][4] = 8;
        SPREAD_MASK_2[3][4] = 0x00FF_00FF_00FF_00FFL;
        // 8 to 32 bits: two bytes, the second to bit 32.
        SPREAD_SHIFT_1[3][5] = 24;
        SPREAD_MASK_1[3][5] = 0x0000_00FF_0000_00FFL;
        // 16 to 32 bits: two 16-bit counts, the second to bit 32.
        SPREAD_SHIFT_1[4][5] = 16;
        SPREAD_MASK_1[4][5] = 0x0000_FFFF_0000_FFFFL;
    }

    /**
     * Adds the counts of {@code cell} ({@code 2^shift} bits each) one by one, field {@code j} to
     * slot {@code firstSlot + j}; slots below the window fold into its first one.
     */
    private void addSourceFields(long cell, int firstSlot, int shift) {
        long mask = -1L >>> -(1 << shift);
        // Non-empty fields only: the lowest set bit names the next one, which is then cleared.
        while (cell != 0) {
            int field = Long.numberOfTrailingZeros(cell) >>> shift;
            int bit = field << shift;
            addToSlot(Math.max(firstSlot + field, 0), (cell >>> bit) & mask);
            cell &= ~(mask << bit);
        }
    }

    /** Calls {@code visitor} with each non-empty bucket in ascending index order. */
    final void forEach(LatencySketch.BucketVisitor visitor) {
        long[] w = words;
        int width = 1 << widthShift;
        int perWord = Long.SIZE >>> widthShift;
        long mask = countMask;
        for (int word = 0; word < w.length; word++) {
            long cell = w[word];
            for (int index = offset + word * perWord; cell != 0; index++) {
                long count = cell & mask;
                if (count != 0) {
                    visitor.visit(index, count);
                }
                cell = width == Long.SIZE ? 0 : cell >>> width;
            }
        }
    }

    /**
     * The index of the bucket where the running count, starting at {@code seen}, first reaches
     * {@code rank}; {@link #NONE} if it never does. Words that are all zero are skipped whole.
     */
    final int indexAtRank(long seen, long rank) {
        long[] w = words;
        int width = 1 << widthShift;
        int perWord = Long.SIZE >>> widthShift;
        long mask = countMask;
        for (int word = 0; word < w.length; word++) {
            long cell = w[word];
            for (int index = offset + word * perWord; cell != 0; index++) {
                seen += cell & mask;
                if (seen >= rank) {
                    return index;
                }
                cell = width == Long.SIZE ? 0 : cell >>> width;
            }
        }
        return NONE;
    }

    /** Sets every count to zero, keeping the window and its width so reuse allocates nothing. */
    final void clearCounts() {
        Arrays.fill(words, 0);
    }

    /** Makes these counts an independent copy of {@code source}'s. */
    final void copyCountsFrom(BucketCounts source) {
        words = source.words.length == 0 ? NO_WORDS : source.words.clone();
        offset = source.offset;
        capacity = source.capacity;
        widthShift = source.widthShift;
        countMask = source.countMask;
    }

    /** Heap bytes of the packed array (the fields are counted with the sketch object). */
    final long countsArrayBytes() {
        return words.length == 0 ? 0 : 16 + 8L * words.length;
    }

    /** The lowest index with a non-zero count, or {@link #NONE}. */
    final int lowestIndex() {
        int perWord = Long.SIZE >>> widthShift;
        for (int word = 0; word < words.length; word++) {
            long cell = words[word];
            if (cell != 0) {
                // The lowest non-zero field: fields are 2^widthShift bits, lowest bucket lowest.
                return offset + word * perWord + (Long.numberOfTrailingZeros(cell) >>> widthShift);
            }
        }
        return NONE;
    }

    /** The highest index with a non-zero count, or {@link #NONE}. */
    final int highestIndex() {
        int perWord = Long.SIZE >>> widthShift;
        for (int word = words.length - 1; word >= 0; word--) {
            long cell = words[word];
            if (cell != 0) {
                // The highest non-zero field: fields are 2^widthShift bits, lowest bucket lowest.
                int field = (Long.SIZE - 1 - Long.numberOfLeadingZeros(cell)) >>> widthShift;
                return offset + word * perWord + field;
            }
        }
        return NONE;
    }

    /** Bits per bucket count (8, 16, 32 or 64), or 0 before the first bucket (tests). */
    final int countWidth() {
        return capacity == 0 ? 0 : 1 << widthShift;
    }

    /** Makes the window cover {@code [low, high]} ahead of adding to them (decoding), so it grows once. */
    final void reserve(int low, int high) {
        cover(low, high);
    }

    // --- packed counts -----------------------------------------------------------------------

    private long countAt(int slot) {
        int bit = slot << widthShift;
        return (words[bit >>> 6] >>> bit) & (-1L >>> -(1 << widthShift));
    }

    private void setCount(int slot, long count) {
        int bit = slot << widthShift;
        long mask = -1L >>> -(1 << widthShift);
        int word = bit >>> 6;
        words[word] = words[word] & ~(mask << bit) | (count << bit);
    }

    /** Adds to the count at {@code slot}, which the window covers, widening every count if it would overflow. */
    private void addToSlot(int slot, long times) {
        int bit = slot << widthShift;
        int word = bit >>> 6;
        long cell = words[word];
        long count = ((cell >>> bit) & countMask) + times;
        if (widthShift == WIDEST_SHIFT || Long.compareUnsigned(count, countMask) <= 0) {
            words[word] = cell + (times << bit); // fits: no carry leaves the field
            return;
        }
        int shift = widthShift;
        while (shift < WIDEST_SHIFT && Long.numberOfLeadingZeros(count) < Long.SIZE - (1 << shift)) {
            shift++;
        }
        relayout(offset, capacity, shift);
        setCount(slot, count);
    }

    // --- the window --------------------------------------------------------------------------

    /**
     * Makes the window hold the indexes {@code [low, high]} and every non-zero count. It grows to
     * the span rounded up to whole octaves plus one octave of room, centred, as the {@code long[]}
     * window was; past {@link LatencySketch#MAX_BUCKETS} it keeps the highest buckets and folds
     * lower ones into the lowest kept one, where callers also put any index below the window.
     */
    private void cover(int low, int high) {
        if (capacity > 0 && low >= offset && (long) high - offset < capacity) {
            return;
        }
        int occupiedLow = lowestIndex();
        if (occupiedLow != NONE) {
            low = Math.min(low, occupiedLow);
            high = Math.max(high, highestIndex());
        }
        long span = (long) high - low + 1;
        if (span > LatencySketch.MAX_BUCKETS) {
            relayout(high - LatencySketch.MAX_BUCKETS + 1, LatencySketch.MAX_BUCKETS, widthShift);
            return;
        }
        int length = (int) Math.min(LatencySketch.MAX_BUCKETS, (span + GROWTH - 1) / GROWTH * GROWTH + GROWTH);
        length = Math.max(length, capacity);
        int newOffset = (int) Math.max((long) ExponentialBuckets.MIN_INDEX, low - (length - span) / 2);
        relayout(newOffset, length, widthShift);
    }

    /**
     * Moves every count into a window of {@code length} buckets from {@code newOffset}, folding
     * lower ones into its first bucket, at {@code 2^shift} bits per count or wider if the fold
     * needs it.
     */
    private void relayout(int newOffset, int length, int shift) {
        long[] oldWords = words;
        int oldOffset = offset;
        int oldShift = widthShift;
        long folded = 0;
        long largest = 0;
        for (int slot = 0, end = oldWords.length << 6 >>> oldShift; slot < end; slot++) {
            long count = countAt(slot);
            if (oldOffset + slot < newOffset) {
                folded += count;
            } else {
                largest = Math.max(largest, count);
            }
        }
        while (shift < WIDEST_SHIFT && Long.numberOfLeadingZeros(folded + largest) < Long.SIZE - (1 << shift)) {
            shift++;
        }
        words = new long[length << shift >>> 6];
        offset = newOffset;
        capacity = length;
        widthShift = shift;
        countMask = -1L >>> -(1 << shift);
        int oldWidth = 1 << oldShift;
        int perWord = Long.SIZE >>> oldShift;
        long mask = -1L >>> -oldWidth;
        for (int word = 0; word < oldWords.length; word++) {
            long cell = oldWords[word];
            for (int k = 0; cell != 0; k++, cell = oldWidth == Long.SIZE ? 0 : cell >>> oldWidth) {
                long count = cell & mask;
                if (count != 0) {
                    int slot = Math.max(oldOffset + word * perWord + k - newOffset, 0);
                    setCount(slot, countAt(slot) + count);
                }
            }
        }
    }
}
