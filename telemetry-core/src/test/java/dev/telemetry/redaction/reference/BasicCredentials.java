package dev.telemetry.redaction.reference;

// Verbatim copy of the main class before ADR 0052, kept as the reference oracle for
// FastPathEquivalenceProperties; do not optimise.

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Tells an HTTP Basic credential from the word "basic" followed by ordinary text. */
final class BasicCredentials {

  private BasicCredentials() {}

  /** Whether {@code base64} decodes to printable {@code user:password}. */
  static boolean isUserAndPassword(String base64) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    String text = new String(decoded, StandardCharsets.UTF_8);
    int colon = text.indexOf(':');
    if (colon < 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i)) || text.charAt(i) == '\uFFFD') {
        return false;
      }
    }
    return true;
  }
}
