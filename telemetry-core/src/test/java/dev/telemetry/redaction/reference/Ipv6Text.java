package dev.telemetry.redaction.reference;

// Verbatim copy of the main class before ADR 0052, kept as the reference oracle for
// FastPathEquivalenceProperties; do not optimise.

/**
 * The IPv6 text grammar (RFC 4291 §2.2, with the embedded-IPv4 tail), checked in code
 * rather than in one regular expression: the full grammar as a regex is long, slow to
 * backtrack, and hard to read. The scrubber's pattern finds runs of hex digits and colons;
 * this check keeps the addresses and rejects times such as {@code 12:30:45}.
 */
final class Ipv6Text {

  private Ipv6Text() {}

  static boolean isAddress(String text) {
    // The pattern's run also takes a colon right after an address ("2001:db8::1: refused",
    // "<address>: <exception message>"); the address is still an address, and the colon goes with it.
    return isAddressGrammar(text) || text.endsWith(":") && isAddressGrammar(text.substring(0, text.length() - 1));
  }

  private static boolean isAddressGrammar(String text) {
    String candidate = text;
    int groupsForTail = 0;
    int lastColon = text.lastIndexOf(':');
    if (text.indexOf('.') >= 0) {
      // An IPv4 tail stands for the last two groups.
      if (lastColon < 0 || !isIpv4(text.substring(lastColon + 1))) {
        return false;
      }
      candidate = text.charAt(lastColon - 1 < 0 ? 0 : lastColon - 1) == ':'
          ? text.substring(0, lastColon + 1) : text.substring(0, lastColon);
      groupsForTail = 2;
    }
    return isGroupGrammar(candidate, groupsForTail);
  }

  private static boolean isIpv4(String part) {
    String[] octets = part.split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String octet : octets) {
      if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)
          || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isGroupGrammar(String candidate, int groupsForTail) {
    int compression = candidate.indexOf("::");
    if (compression < 0) {
      return groups(candidate) + groupsForTail == 8;
    }
    if (candidate.indexOf("::", compression + 1) >= 0
        || groupsForTail == 0 && !containsHexDigit(candidate)) {
      return false;
    }
    int left = groups(candidate.substring(0, compression));
    int right = groups(candidate.substring(compression + 2));
    return left >= 0 && right >= 0 && left + right + groupsForTail <= 7;
  }

  /** Number of colon-separated groups of 1–4 hex digits; 0 for "", -1 if malformed. */
  private static int groups(String part) {
    if (part.isEmpty()) {
      return 0;
    }
    int count = 0;
    int length = 0;
    for (int i = 0; i <= part.length(); i++) {
      if (i == part.length() || part.charAt(i) == ':') {
        if (length < 1 || length > 4) {
          return -1;
        }
        count++;
        length = 0;
      } else {
        length++;
      }
    }
    return count;
  }

  private static boolean containsHexDigit(String candidate) {
    for (int i = 0; i < candidate.length(); i++) {
      if (candidate.charAt(i) != ':') {
        return true;
      }
    }
    return false;
  }
}
