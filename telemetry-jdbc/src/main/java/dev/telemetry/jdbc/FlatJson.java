package dev.telemetry.jdbc;

import java.util.Map;
import java.util.TreeMap;

/**
 * A flat JSON object of strings ({@code {"k":"v",…}}), which is all labels, attributes and
 * dimensions are. Written with sorted keys, so equal maps give equal text (and equal label
 * hashes). Core keeps no JSON library and this module needs none for so little.
 */
final class FlatJson {
  private FlatJson() {}

  static String write(Map<String, String> map) {
    if (map.isEmpty()) {
      return "{}";
    }
    StringBuilder sb = new StringBuilder(16 * map.size()).append('{');
    for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      string(sb, e.getKey());
      sb.append(':');
      string(sb, e.getValue());
    }
    return sb.append('}').toString();
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    sb.append('"');
  }

  /** Parses a flat object of strings, as written by this class or re-serialized by jsonb. */
  static Map<String, String> read(String json) {
    Map<String, String> out = new TreeMap<>();
    Reader r = new Reader(json);
    r.skipSpace();
    r.expect('{');
    r.skipSpace();
    if (r.peek() == '}') {
      return out;
    }
    while (true) {
      r.skipSpace();
      String key = r.string();
      r.skipSpace();
      r.expect(':');
      r.skipSpace();
      out.put(key, r.string());
      r.skipSpace();
      if (r.peek() == ',') {
        r.pos++;
        continue;
      }
      r.expect('}');
      return out;
    }
  }

  private static final class Reader {
    private final String s;
    private int pos;

    Reader(String s) {
      this.s = s;
    }

    char peek() {
      if (pos >= s.length()) {
        throw new IllegalArgumentException("truncated JSON object: " + s);
      }
      return s.charAt(pos);
    }

    void expect(char ch) {
      if (peek() != ch) {
        throw new IllegalArgumentException("expected '" + ch + "' at " + pos + " in JSON object: " + s);
      }
      pos++;
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        char ch = peek();
        pos++;
        if (ch == '"') {
          return sb.toString();
        }
        if (ch != '\\') {
          sb.append(ch);
          continue;
        }
        char esc = peek();
        pos++;
        switch (esc) {
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> sb.append(esc);
        }
      }
    }
  }
}
