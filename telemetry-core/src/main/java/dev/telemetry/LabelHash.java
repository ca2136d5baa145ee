package dev.telemetry;

/**
 * Order-independent hash of a label set, computable from (key index, value) pairs in any order
 * without building the set: the fast path hashes the caller's arguments as given and must land
 * on the same slot as the canonical set built on the slow path.
 */
final class LabelHash {
  private LabelHash() {}

  /** Hash of one pair; the value hash is that of the value truncated to {@code cap} chars. */
  static int pair(int index, String value, int cap) {
    return mix(index, value.length() <= cap ? value.hashCode() : prefixHash(value, cap));
  }

  /**
   * Hash of one pair whose value is at most the cap long: the same as {@link #pair(int, String,
   * int)} then, without reading the value's length (only its cached hash). The record path hashes
   * the caller's values with this and falls back to the capped hash on a miss.
   */
  static int pair(int index, String value) {
    return mix(index, value.hashCode());
  }

  /**
   * Odd multipliers per label index (a contract has at most 16 label keys), unrelated to each
   * other: with multipliers in arithmetic progression, label sets of short values collided on the
   * whole hash by the hundred (ADR 0062).
   */
  private static final int[] MULTIPLIERS = {
      0xC50EB983, 0x94419A89, 0xE6F349E9, 0x6F4D6D63, 0x12A172A3, 0xC3BBC0E3, 0x6F4B9475, 0x0A46AEE5,
      0x9F091CE5, 0x17D4BB45, 0xA97A064F, 0x1D8607D5, 0x7E15125D, 0x32BFD2B5, 0xA3E1C1E7, 0xC11B65FB};

  /**
   * One multiply by the index's odd multiplier, plus a constant per index: on the labelled record
   * path every instruction here sits between loading the value's cached hash and loading the
   * table slot, so the pairs are left unmixed and {@link #finish} mixes their sum once (ADR 0062).
   */
  private static int mix(int index, int valueHash) {
    return valueHash * MULTIPLIERS[index & 15] + (index + 1) * 0x85EBCA77;
  }

  /**
   * Combines the sum of pair hashes with the pair count: one multiply, then the high half folded
   * into the low half, which the table's mask keeps.
   */
  static int finish(int sum, int count) {
    int h = (sum + count * 0x27D4EB2F) * 0x846CA68B;
    return h ^ (h >>> 15);
  }

  /** {@code value.substring(0, cap).hashCode()} without the substring. */
  private static int prefixHash(String value, int cap) {
    int h = 0;
    for (int i = 0; i < cap; i++) {
      h = 31 * h + value.charAt(i);
    }
    return h;
  }
}
