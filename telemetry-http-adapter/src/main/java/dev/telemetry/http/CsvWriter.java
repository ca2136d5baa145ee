package dev.telemetry.http;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * RFC 4180 CSV: CRLF line ends, fields holding a comma, quote, CR or LF quoted with quotes
 * doubled. Text cells that a spreadsheet would read as a formula (starting with {@code = + - @},
 * tab or CR) get a leading apostrophe; numbers are written as numbers.
 */
final class CsvWriter {
  private final Writer out;

  CsvWriter(Writer out) {
    this.out = out;
  }

  void row(Object... cells) throws IOException {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(cell(cells[i]));
    }
    out.write("\r\n");
  }

  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? "" : d.toString();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Enum<?> e) {
      // the same spelling the JSON export and the API use
      return e.name().toLowerCase(Locale.ROOT);
    }
    return quote(neutralise(value.toString()));
  }

  static String neutralise(String text) {
    if (text.isEmpty()) {
      return text;
    }
    char first = text.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
        ? "'" + text : text;
  }

  static String quote(String text) {
    boolean needs = false;
    for (int i = 0; i < text.length() && !needs; i++) {
      char c = text.charAt(i);
      needs = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    return needs ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
