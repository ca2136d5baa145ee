package dev.telemetry.store;

/** Limits shared by every paginated read. */
public final class PageRequest {
  /** Largest page a store returns, whatever is asked. */
  public static final int MAX_LIMIT = 100;

  private PageRequest() {}

  /** Validates a page size: {@code 1..MAX_LIMIT}. */
  public static int checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    return limit;
  }
}
