package dev.telemetry.query;

import static java.util.Objects.requireNonNull;

/**
 * A query parameter is missing, malformed or out of bounds. The HTTP adapter maps it to a 400
 * whose {@code error.param} is {@link #param()}.
 */
public final class QueryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String param;

  /**
   * @param param the offending parameter as the HTTP API names it ({@code from}, {@code metric},
   *     {@code label.route}, {@code group_by} …)
   * @param message what is wrong and what is allowed
   */
  public QueryException(String param, String message) {
    super(requireNonNull(param, "param") + ": " + requireNonNull(message, "message"));
    this.param = param;
  }

  /** The offending parameter. */
  public String param() {
    return param;
  }
}
