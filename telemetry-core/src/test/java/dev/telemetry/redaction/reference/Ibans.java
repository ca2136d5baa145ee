package dev.telemetry.redaction.reference;

// Verbatim copy of the main class before ADR 0052, kept as the reference oracle for
// FastPathEquivalenceProperties; do not optimise.

/** The ISO 13616 check (mod 97 = 1) that tells an IBAN from other capitals-and-digits codes. */
final class Ibans {

  private Ibans() {}

  static boolean passesMod97(String candidate) {
    StringBuilder compact = new StringBuilder(candidate.length());
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      if (c != ' ') {
        compact.append(c);
      }
    }
    if (compact.length() < 15 || compact.length() > 34) {
      return false;
    }
    String rearranged = compact.substring(4) + compact.substring(0, 4);
    int remainder = 0;
    for (int i = 0; i < rearranged.length(); i++) {
      char c = rearranged.charAt(i);
      int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
      remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
    }
    return remainder == 1;
  }
}
