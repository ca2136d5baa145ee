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

  private static int mix(int index, int valueHash) {
    int h = valueHash * 0x9E3779B1 + (index + 1) * 0x85EBCA77;
    h ^= h >>> 16;
    h *= 0x7FEB352D;
    h ^= h >>> 15;
    return h;
  }

  /** Combines the sum of pair hashes with the pair count. */
  static int finish(int sum, int count) {
    int h = sum + count * 0x27D4EB2F;
    h ^= h >>> 16;
    h *= 0x846CA68B;
    h ^= h >>> 16;
    return h;
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
