package dev.telemetry.examples.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.telemetry.http.DashboardResponse;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/** A dashboard response captured in memory, for the privacy tests that read every answer. */
final class CapturedResponse implements DashboardResponse {
  int status = 200;
  final ByteArrayOutputStream body = new ByteArrayOutputStream();

  @Override
  public void status(int code) {
    status = code;
  }

  @Override
  public void header(String name, String value) {}

  @Override
  public OutputStream body() {
    return body;
  }

  String text() {
    return body.toString(UTF_8);
  }
}
