package dev.telemetry.http;

/**
 * A request the API refuses, answered as {@code {"error":{"code":…,"message":…,"param":…}}}.
 * The message is written for the caller and never carries an exception's text from below.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String param;

  ApiException(int status, String code, String message, String param) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.param = param;
  }

  static ApiException badParameter(String param, String message) {
    return new ApiException(400, "invalid_parameter", param + " " + message, param);
  }

  static ApiException notFound(String what) {
    return new ApiException(404, "not_found", what + " not found", null);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  String param() {
    return param;
  }
}
