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
        // Cover the whole range once, so the loop below only adds; covering may collapse, and a
        // bucket below the kept range then folds into the lowest kept one. Merging a sketch into
        // itself works too: each word is read before its counts are added to, and a widening
        // leaves the array being read untouched.
        cover(low, other.highestIndex());
        long[] source = other.words;
        int shift = other.widthShift;
        int perWord = Long.SIZE >>> shift;
        long mask = other.countMask;
        int sourceOffset = other.offset;
        int word = 0;
        if (shift == widthShift && low >= offset) {
            word = addWords(source, sourceOffset, shift);
        }
        for (; word < source.length; word++) {
            long cell = source[word];
            int first = sourceOffset + word * perWord;
            // Non-empty fields only: the lowest set bit names the next one, which is then cleared.
            while (cell != 0) {
                int field = Long.numberOfTrailingZeros(cell) >>> shift;
                int bit = field << shift;
                addToSlot(Math.max(first + field - offset, 0), (cell >>> bit) & mask);
                cell &= ~(mask << bit);
            }
        }
    }

    /** The top bit of every count field, per width shift (8, 16, 32, 64 bits). */
    private static final long[] FIELD_TOPS = {0, 0, 0,
        0x8080_8080_8080_8080L, 0x8000_8000_8000_8000L, 0x8000_0000_8000_0000L, 0x8000_0000_0000_0000L};

    /**
     * Adds {@code source}'s counts (same width as these, every non-empty bucket inside this window)
     * a word at a time: a source word is shifted into the alignment of this window and added to at
     * most two words, all its fields at once, as long as no field carries out of its width (the
     * carries are found SWAR-style: the fields' low bits are added apart from their top bits). At
     * the first field that would overflow, that word's counts are added one by one, which widens
     * the window; the caller adds the remaining words, from the returned one, field by field.
     *
     * @return the first source word not added yet ({@code source.length} when all were)
     */
    private int addWords(long[] source, int sourceOffset, int shift) {
        int perWord = Long.SIZE >>> shift;
        int width = 1 << shift;
        long tops = FIELD_TOPS[shift];
        long lows = ~tops;
        // source word k, field j is bucket sourceOffset + k·perWord + j, slot d + k·perWord + j here
        int d = sourceOffset - offset;
        int fieldShift = Math.floorMod(d, perWord);
        int firstWord = Math.floorDiv(d, perWord);
        int bits = fieldShift * width;
        for (int k = 0; k < source.length; k++) {
            long cell = source[k];
            if (cell == 0) {
                continue;
            }
            int lowWord = firstWord + k;
            long lowPart = cell << bits;
            long highPart = bits == 0 ? 0 : cell >>> (Long.SIZE - bits);
            boolean lowOk = lowPart == 0 || addWord(lowWord, lowPart, tops, lows);
            boolean highOk = lowOk && (highPart == 0 || addWord(lowWord + 1, highPart, tops, lows));
            if (!highOk) {
                // Fields one by one from the part that would overflow (slots are width-independent).
                if (!lowOk) {
                    addFields(lowWord, lowPart, shift);
                }
                addFields(lowWord + 1, highPart, shift);
                return k + 1;
            }
        }
        return source.length;
    }

    /** Adds {@code part} to word {@code word} if no field overflows; {@code false} (nothing changed) if one would. */
    private boolean addWord(int word, long part, long tops, long lows) {
        long a = words[word];
        long lowSums = (a & lows) + (part & lows);
        long carriesOut = ((a & part) | ((a | part) & lowSums)) & tops;
        if (carriesOut != 0) {
            return false;
        }
        words[word] = lowSums ^ ((a ^ part) & tops);
        return true;
    }

    /** Adds the fields of {@code part}, aligned to word {@code word} at width {@code 2^shift}, one by one. */
    private void addFields(int word, long part, int shift) {
        int perWord = Long.SIZE >>> shift;
        int width = 1 << shift;
        long mask = -1L >>> -width;
        for (int j = 0; part != 0; j++) {
            long count = part & mask;
            if (count != 0) {
                addToSlot(word * perWord + j, count);
            }
            part = width == Long.SIZE ? 0 : part >>> width;
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
