package dev.telemetry.store;

/**
 * Outcome of a store operation. Stores report failures as results rather than throwing, so the
 * pipeline decides whether to retry (like OpenTelemetry's {@code CompletableResultCode}).
 *
 * @param success whether the operation was applied
 * @param retryable whether trying again later may succeed (connection lost, timeout, locked)
 * @param message short description of the failure, empty on success
 * @param cause the underlying error, or {@code null}
 */
public record StoreResult(boolean success, boolean retryable, String message, Throwable cause) {
  private static final StoreResult SUCCESS = new StoreResult(true, false, "", null);

  /** The operation was applied. */
  public static StoreResult ok() {
    return SUCCESS;
  }

  /** The operation failed in a way that may succeed on retry. */
  public static StoreResult retryableFailure(String message, Throwable cause) {
    return new StoreResult(false, true, message, cause);
  }

  /** The operation failed and will fail again (bad data, schema mismatch). */
  public static StoreResult permanentFailure(String message, Throwable cause) {
    return new StoreResult(false, false, message, cause);
  }
}
