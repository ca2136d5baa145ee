package dev.telemetry.store;

import java.util.List;

/**
 * One page of rows, newest first, with an opaque cursor for the next page.
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
}
