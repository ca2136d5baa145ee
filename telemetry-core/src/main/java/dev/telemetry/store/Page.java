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
  public Page {
    items = List.copyOf(items);
  }

  /** Whether there are older rows after this page. */
  public boolean hasMore() {
    return nextCursor != null;
  }
}
