package dev.telemetry.internal.guard;

/**
 * Not API. How a contained failure of a user callback or a store read is described on the
 * dashboard: the exception's type and message, bounded, never a stack trace. Shared by health,
 * signals and pages.
 */
public final class Failures {
  private static final int MAX = 200;

  private Failures() {}

  /** {@code "SimpleName: message"}, at most 200 characters plus an ellipsis. */
  public static String describe(Throwable t) {
    String message = t.getMessage();
    String text = t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    return text.length() > MAX ? text.substring(0, MAX) + "…" : text;
  }

  /**
   * The one fatal-error policy of the library, used by every guard around code it does not own
   * (gauge callbacks, probes, page providers, store writes, summary sections): it rethrows what no
   * guard should swallow, running out of memory. A callback's stack overflow or linkage error is
   * the callback's failure and is contained like an exception.
   */
  public static void rethrowIfFatal(Throwable t) {
    if (t instanceof OutOfMemoryError e) {
      throw e;
    }
  }
}
