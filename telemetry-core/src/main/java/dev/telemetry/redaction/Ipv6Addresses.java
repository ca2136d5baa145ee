package dev.telemetry.redaction;

/**
 * Finds IPv6 addresses by their grammar (RFC 4291 §2.2, RFC 4007 zone ids): full and
 * {@code ::}-compressed forms, an embedded IPv4 tail ({@code ::ffff:192.0.2.1}), a zone id
 * ({@code fe80::1%eth0}), and an address right after a word and a colon
 * ({@code peer:2600:1f18::a149}).
 *
 * <p>Candidates are the runs of hex digits, colons and dots; {@link Ipv6Text} checks the
 * grammar, so times ({@code 10:15:30}), MAC addresses and {@code std::vector} stay.
 */
final class Ipv6Addresses implements ScrubStep {

  static final String MARKER = Replacements.marker("ipv6");
  private static final int MAX_ADDRESS = 45;

  @Override
  public boolean isTriggeredBy(TextFeatures features) {
    return Triggers.test(Triggers.IPV6, features);
  }

  @Override
  public int builtInTrigger() {
    return Triggers.IPV6;
  }

  @Override
  public String apply(String text) {
    Replacements replacements = null;
    int length = text.length();
    // Only a run of address characters holding a colon can be an address (markAddress passes
    // over the others), so the runs are found from their colons: String.indexOf jumps to the
    // next one, and the run is widened around it. Runs come left to right, each once.
    int colon = text.indexOf(':');
    while (colon >= 0) {
      int start = colon;
      while (start > 0 && isAddressCharacter(text.charAt(start - 1))) {
        start--;
      }
      int end = colon + 1;
      while (end < length && isAddressCharacter(text.charAt(end))) {
        end++;
      }
      replacements = markAddress(text, start, end, replacements);
      colon = end < length ? text.indexOf(':', end) : -1;
    }
    return Replacements.result(replacements, text);
  }

  private static Replacements markAddress(String text, int runStart, int runEnd, Replacements replacements) {
    if (runEnd - runStart > MAX_ADDRESS + 2) {
      return replacements; // longer than any address with a word's colon and a trailing dot
    }
    if (colonsIn(text, runStart, runEnd) < 2) {
      return replacements; // every address has "::" or at least five colons
    }
    int start = runStart;
    int end = runEnd;
    boolean afterWord = start > 0 && isWordCharacter(text.charAt(start - 1));
    if (afterWord) {
      // "peer:2600:…": the word's colon is not part of the address.
      if (text.charAt(start) != ':' || start + 1 < end && text.charAt(start + 1) == ':') {
        return replacements;
      }
      start++;
    }
    while (end > start && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == ':')
        && !Ipv6Text.isAddress(text.substring(start, end))) {
      end--; // a sentence's dot or a "<address>: message" colon
    }
    if (end - start < 2 || end - start > MAX_ADDRESS
        || end < text.length() && isWordCharacter(text.charAt(end)) && end == runEnd
        || !Ipv6Text.isAddress(text.substring(start, end))) {
      return replacements;
    }
    if (end == runEnd && end < text.length() && text.charAt(end) == '%') {
      end = zoneEnd(text, end + 1);
    }
    replacements = Replacements.mark(replacements, text, start, end, MARKER);
    return replacements;
  }

  private static int colonsIn(String text, int start, int end) {
    int colons = 0;
    for (int i = start; i < end; i++) {
      colons += text.charAt(i) == ':' ? 1 : 0;
    }
    return colons;
  }

  private static int zoneEnd(String text, int from) {
    int end = from;
    while (end < text.length() && end - from < 32 && (isWordCharacter(text.charAt(end))
        || text.charAt(end) == '.' || text.charAt(end) == '-')) {
      end++;
    }
    return end;
  }

  private static boolean isAddressCharacter(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':'
        || c == '.';
  }

  private static boolean isWordCharacter(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
}
