package dev.telemetry.redaction.reference;

// Verbatim copy of the main class before ADR 0052, kept as the reference oracle for
// FastPathEquivalenceProperties; do not optimise.

/** The Luhn checksum that separates card numbers from order numbers and other digit runs. */
final class CardNumbers {

  private CardNumbers() {}

  /** Whether the digits of {@code candidate}, ignoring spaces and dashes, pass the Luhn check. */
  static boolean passesLuhn(String candidate) {
    int sum = 0;
    boolean doubled = false;
    for (int i = candidate.length() - 1; i >= 0; i--) {
      char c = candidate.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int digit = c - '0';
      if (doubled) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }
}
