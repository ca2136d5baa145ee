package dev.telemetry.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The response side of one request, implemented by an adapter over its server's response.
 * The dashboard sets the status and headers first, then calls {@link #body()} once and streams
 * into it (exports and the live feed write for a long time and flush as they go).
 *
 * <p>Called on the request's thread only. {@link #body()} commits the status and headers; after
 * it, {@link #status} and {@link #header} are not called again.
 */
public interface DashboardResponse {
  /** Sets the HTTP status; called before {@link #body()}. */
  void status(int code);

  /** Sets (replaces) a response header; called before {@link #body()}. */
  void header(String name, String value);

  /**
   * Commits status and headers and returns the body stream, sent without a length (chunked).
   * Closing it ends the response. Writes throw {@link IOException} once the client is gone.
   */
  OutputStream body() throws IOException;
}
