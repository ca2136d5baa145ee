package dev.telemetry.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of rows, newest first, with an opaque cursor for the next page (a {@link Cursor},
 * encoded).
 *
 * @param items the rows, at most the requested limit
 * @param nextCursor pass back to get the following (older) rows; {@code null} when there are none
 * @param <T> row type
 */
public record Page<T>(List<T> items, String nextCursor) {
  /** Largest page a store returns, whatever is asked; the limit of every paginated read. */
  public static final int MAX_LIMIT = 100;

  public Page {
    items = List.copyOf(items);
  }

  /** Whether there are older rows after this page. */
  public boolean hasMore() {
    return nextCursor != null;
  }

  /** Validates a page size: {@code 1..MAX_LIMIT}. */
  static int checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    return limit;
  }

  /**
   * Position after the last row of a page: the row's timestamp and a store-assigned id that breaks
   * ties. Rows are read newest first, so the next page holds rows strictly "before" this position
   * in {@code (ts desc, id desc)} order; rows inserted after the first page was read are newer than
   * any cursor and never shift later pages.
   *
   * <p>Encoded as an opaque, versioned URL-safe string. {@link #decode} rejects anything it did not
   * produce with an {@link IllegalArgumentException} naming the {@code cursor} parameter.
   *
   * @param tsMillis timestamp of the last row returned, epoch millis
   * @param id tie-breaking id of that row
   */
  public record Cursor(long tsMillis, long id) {
    private static final byte VERSION = 1;
    private static final int LENGTH = 1 + Long.BYTES + Long.BYTES + Integer.BYTES;

    /** The opaque form handed to clients. */
    public String encode() {
      ByteBuffer buf = ByteBuffer.allocate(LENGTH);
      buf.put(VERSION).putLong(tsMillis).putLong(id);
      buf.putInt(check(buf.array(), LENGTH - Integer.BYTES));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    /** Parses a cursor produced by {@link #encode()}. */
    public static Cursor decode(String encoded) {
      if (encoded == null || encoded.isEmpty() || encoded.length() > 64) {
        throw malformed();
      }
      byte[] bytes;
      try {
        bytes = Base64.getUrlDecoder().decode(encoded.getBytes(StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        throw malformed();
      }
      if (bytes.length != LENGTH || bytes[0] != VERSION) {
        throw malformed();
      }
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      buf.get();
      long ts = buf.getLong();
      long id = buf.getLong();
      if (buf.getInt() != check(bytes, LENGTH - Integer.BYTES)) {
        throw malformed();
      }
      return new Cursor(ts, id);
    }

    /** Whether a row at {@code (ts, rowId)} comes after this cursor in newest-first order. */
    public boolean isBefore(long ts, long rowId) {
      return ts < tsMillis || (ts == tsMillis && rowId < id);
    }

    private static int check(byte[] bytes, int length) {
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(bytes, 0, length);
      return (int) crc.getValue();
    }

    private static IllegalArgumentException malformed() {
      return new IllegalArgumentException("cursor is malformed: pass back the next_cursor of a previous page");
    }
  }
}
