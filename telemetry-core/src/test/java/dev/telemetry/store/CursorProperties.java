package dev.telemetry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.store.Page.Cursor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The cursor decoder accepts exactly what the encoder produced; anything else is a 400-worthy error. */
class CursorProperties {
  @Property(tries = 2000)
  void roundTripsEveryPosition(@ForAll long ts, @ForAll long id) {
    Cursor c = new Cursor(ts, id);
    assertThat(Cursor.decode(c.encode())).isEqualTo(c);
  }

  @Property(tries = 5000)
  void rejectsAnythingElseWithAMessageNamingTheCursor(@ForAll("hostile") String input) {
    try {
      Cursor decoded = Cursor.decode(input);
      // Only a string the encoder could have produced decodes.
      assertThat(decoded.encode()).isEqualTo(input);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).contains("cursor");
    }
  }

  @Property(tries = 2000)
  void rejectsEverySingleCharacterChange(@ForAll long ts, @ForAll long id, @ForAll("positions") int position,
      @ForAll("base64") char replacement) {
    String valid = new Cursor(ts, id).encode();
    int at = position % valid.length();
    String tampered = valid.substring(0, at) + replacement + valid.substring(at + 1);
    if (!tampered.equals(valid)) {
      assertThatThrownBy(() -> Cursor.decode(tampered)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(200),
        Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=")
            .ofMinLength(20).ofMaxLength(40),
        Arbitraries.of("", "null", "' OR 1=1 --", "%00", "../../etc/passwd", "AAAA", "\u0000\u0000"));
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 1000);
  }

  @Provide
  Arbitrary<Character> base64() {
    return Arbitraries.chars().with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray());
  }
}
