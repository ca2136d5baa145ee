package dev.telemetry.datasource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

class SqlOperationProperties {
  private static final List<String> KEYWORDS = List.of("select", "insert", "update", "delete");

  @Provide
  Arbitrary<String> prefixes() {
    Arbitrary<String> piece = Arbitraries.oneOf(
        Arbitraries.of(" ", "\n", "\t", "(", "\r\n"),
        Arbitraries.strings().withChars("abc xyz;*").ofMaxLength(12).map(text -> "/*" + text.replace("*/", "") + "*/"),
        Arbitraries.strings().withChars("abc xyz;/*").ofMaxLength(12).map(text -> "--" + text + "\n"));
    return piece.list().ofMaxSize(5).map(pieces -> String.join("", pieces));
  }

  @Provide
  Arbitrary<String> keywordsInAnyCase() {
    return Combinators.combine(Arbitraries.of(KEYWORDS), Arbitraries.longs())
        .as((keyword, mask) -> {
          StringBuilder mixed = new StringBuilder();
          for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            mixed.append((mask >> i & 1) == 1 ? Character.toUpperCase(c) : c);
          }
          return mixed.toString();
        });
  }

  @Property
  void findsTheFirstKeywordAfterCommentsWhitespaceAndParentheses(@ForAll("prefixes") String prefix,
      @ForAll("keywordsInAnyCase") String keyword, @ForAll("prefixes") String rest) {
    assertThat(SqlOperation.of(prefix + keyword + " " + rest + " x"))
        .isEqualTo(keyword.toLowerCase(Locale.ROOT));
    assertThat(SqlOperation.of(prefix + keyword)).isEqualTo(keyword.toLowerCase(Locale.ROOT));
  }

  @Property
  void aKeywordThatIsOnlyTheStartOfAWordIsOther(@ForAll("prefixes") String prefix,
      @ForAll("keywordsInAnyCase") String keyword) {
    assertThat(SqlOperation.of(prefix + keyword + "d_at from t")).isEqualTo(SqlOperation.OTHER);
    assertThat(SqlOperation.of(prefix + keyword + "_x")).isEqualTo(SqlOperation.OTHER);
  }

  @Example
  void everythingElseIsOther() {
    assertThat(SqlOperation.of(null)).isEqualTo(SqlOperation.OTHER);
    assertThat(SqlOperation.of("")).isEqualTo(SqlOperation.OTHER);
    assertThat(SqlOperation.of("-- only a comment")).isEqualTo(SqlOperation.OTHER);
    assertThat(SqlOperation.of("/* unterminated select")).isEqualTo(SqlOperation.OTHER);
    assertThat(SqlOperation.of("create table t (id int)")).isEqualTo(SqlOperation.OTHER);
    assertThat(SqlOperation.of("merge into t using s on (1=1)")).isEqualTo(SqlOperation.OTHER);
    assertThat(SqlOperation.of("/* select */ delete from t")).isEqualTo(SqlOperation.DELETE);
    assertThat(SqlOperation.of("((SELECT 1) union (select 2))")).isEqualTo(SqlOperation.SELECT);
  }
}
