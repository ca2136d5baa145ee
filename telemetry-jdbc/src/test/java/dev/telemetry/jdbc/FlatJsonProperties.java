package dev.telemetry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link FlatJson}: what it writes reads back exactly, whatever the strings hold (ADR 0045). */
class FlatJsonProperties {

  @Property(tries = 1000)
  void readsBackEveryMapItWrites(@ForAll("maps") Map<String, String> map) {
    assertThat(FlatJson.read(FlatJson.write(map))).isEqualTo(map);
  }

  @Property(tries = 300)
  void equalMapsGiveEqualTextWhateverTheInsertionOrder(@ForAll("maps") Map<String, String> map) {
    List<Map.Entry<String, String>> entries = new ArrayList<>(map.entrySet());
    Collections.reverse(entries);
    Map<String, String> reversed = new LinkedHashMap<>();
    entries.forEach(e -> reversed.put(e.getKey(), e.getValue()));
    assertThat(FlatJson.write(reversed)).isEqualTo(FlatJson.write(map));
  }

  /** PostgreSQL hands jsonb back re-serialized: spaces, its own key order, other escapes. */
  @Property(tries = 300)
  void readsTheSameObjectReformattedAsJsonbAndOtherWritersDo(@ForAll("maps") Map<String, String> map) {
    assertThat(FlatJson.read(otherWriter(map))).isEqualTo(map);
  }

  @Property(tries = 300)
  void writesNoRawControlCharacters(@ForAll("maps") Map<String, String> map) {
    String json = FlatJson.write(map);
    assertThat(json.chars()).noneMatch(ch -> ch < 0x20);
  }

  @Example
  void writesTheCanonicalForm() {
    assertThat(FlatJson.write(Map.of("b", "x\"y", "a", "1\\2\n", "", "\u0001")))
        .isEqualTo("{\"\":\"\\u0001\",\"a\":\"1\\\\2\\n\",\"b\":\"x\\\"y\"}");
    assertThat(FlatJson.write(Map.of())).isEqualTo("{}");
  }

  @Example
  void rejectsTextThatIsNotAFlatObjectOfStrings() {
    assertThatThrownBy(() -> FlatJson.read("{\"a\":1}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FlatJson.read("{\"a\":\"b\"")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FlatJson.read("[]")).isInstanceOf(IllegalArgumentException.class);
  }

  @Provide
  Arbitrary<Map<String, String>> maps() {
    return Arbitraries.maps(strings(), strings()).ofMaxSize(8);
  }

  /**
   * Any UTF-16 text, weighted towards what a codec gets wrong: quotes, backslashes, every control
   * character, JSON's structural characters, lone and paired surrogates; the empty string too.
   */
  private static Arbitrary<String> strings() {
    return Arbitraries.strings()
        .withChars("\"\\/{}[]:, ")
        .withCharRange('\u0000', '\u001f')
        .withCharRange('a', 'e')
        .withCharRange('\u00e0', '\u00e5')
        .withCharRange('\ud800', '\udfff')
        .withCharRange('\u0000', '\uffff')
        .ofMinLength(0).ofMaxLength(12);
  }

  /** A differently formatted writer: reversed key order, spaces, every non-ASCII char as \\uXXXX, '/' as \\/. */
  private static String otherWriter(Map<String, String> map) {
    List<String> keys = new ArrayList<>(map.keySet());
    keys.sort(Collections.reverseOrder());
    StringBuilder sb = new StringBuilder("{ ");
    for (int i = 0; i < keys.size(); i++) {
      sb.append(i > 0 ? " ,\n " : "");
      escaped(sb, keys.get(i));
      sb.append(" : ");
      escaped(sb, map.get(keys.get(i)));
    }
    return sb.append(" }").toString();
  }

  private static void escaped(StringBuilder sb, String s) {
    sb.append('"');
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '/' -> sb.append("\\/");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (ch < 0x20 || ch > 0x7e) {
            sb.append(String.format("\\u%04X", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    sb.append('"');
  }
}
