package dev.telemetry.redaction;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of realistic secrets of every kind the scrubber knows, for property tests. */
public final class Secrets {
  private Secrets() {}

  /** A text to embed, and the parts of it that must not survive scrubbing. */
  public record Secret(String text, List<String> sensitive) {
    public static Secret whole(String text) {
      return new Secret(text, List.of(text));
    }
  }

  /** A secret of any kind. */
  public static Arbitrary<Secret> any() {
    return Arbitraries.oneOf(List.of(email(), ipv4(), ipv6(), jwt(), accessKey(), card(),
        urlCredentials(), credentialPair(), punctuatedPassword(), bearer(), longHex(), vendorKey(), unicodeEmail(),
        ipv6WithZoneOrTail(), pemBlock(), iban(), phone(), pairAfterHarmlessWord(),
        yamlPassword(), randomToken()));
  }

  static Arbitrary<String> alnum(int min, int max) {
    return Arbitraries.strings().alpha().numeric().ofMinLength(min).ofMaxLength(max);
  }

  /**
   * A random value that contains a letter and a digit, so it cannot collide with the benign
   * vocabulary, nor with the numbers every store holds (an all-digit "password" such as
   * {@code 00000000} also occurs inside a stored duration of 60,000,000,000 ns).
   */
  private static Arbitrary<String> opaque(int min, int max) {
    return Combinators.combine(alnum(min - 2, max - 2), Arbitraries.chars().range('a', 'z'),
            Arbitraries.integers().between(0, 9))
        .as((text, letter, digit) -> text + letter + digit);
  }

  private static Arbitrary<Secret> email() {
    Arbitrary<String> local = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._+-")
        .ofMinLength(1).ofMaxLength(20)
        .filter(s -> Character.isLetterOrDigit(s.charAt(0)));
    Arbitrary<String> domain = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2)
        .ofMaxLength(12);
    Arbitrary<String> tld = Arbitraries.of("com", "org", "io", "dev", "co.uk", "museum");
    return Combinators.combine(local, domain, tld)
        .as((l, d, t) -> Secret.whole("u" + l + "@" + d + "." + t));
  }

  private static Arbitrary<Secret> ipv4() {
    return Arbitraries.integers().between(0, 255).list().ofSize(4)
        .map(o -> Secret.whole(o.get(0) + "." + o.get(1) + "." + o.get(2) + "." + o.get(3)));
  }

  private static Arbitrary<Secret> ipv6() {
    Arbitrary<String> group = Arbitraries.strings().withChars("0123456789abcdefABCDEF")
        .ofMinLength(1).ofMaxLength(4);
    Arbitrary<Secret> full = group.list().ofSize(8).map(g -> Secret.whole(String.join(":", g)));
    Arbitrary<Secret> compressed = Combinators.combine(
            group.list().ofMaxSize(3), group.list().ofMaxSize(3))
        .filter((left, right) -> left.size() + right.size() >= 1)
        .as((left, right) -> Secret.whole(String.join(":", left) + "::" + String.join(":", right)));
    return Arbitraries.oneOf(full, compressed);
  }

  private static Arbitrary<Secret> jwt() {
    Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
    Arbitrary<String> header = Arbitraries.of("HS256", "RS256", "ES256")
        .map(alg -> "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");
    return Combinators.combine(header, alnum(1, 20), opaque(20, 86))
        .as((h, subject, signature) -> Secret.whole(
            base64url.encodeToString(h.getBytes(StandardCharsets.UTF_8)) + "."
                + base64url.encodeToString(("{\"sub\":\"" + subject + "\"}")
                    .getBytes(StandardCharsets.UTF_8))
                + "." + signature));
  }

  private static Arbitrary<Secret> accessKey() {
    Arbitrary<String> upperDigits = Arbitraries.strings().withCharRange('A', 'Z')
        .withCharRange('0', '9').ofLength(16);
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.of("AKIA", "ASIA"), upperDigits).as(String::concat),
        alnum(35, 35).map("AIza"::concat),
        alnum(36, 36).map("ghp_"::concat),
        alnum(22, 60).map("github_pat_"::concat),
        alnum(24, 40).map("xoxb-1234567890-"::concat),
        alnum(24, 40).map("sk_live_"::concat),
        alnum(24, 40).map("rk_live_"::concat),
        alnum(32, 48).map("sk-"::concat))
        .map(Secret::whole);
  }

  private static Arbitrary<Secret> card() {
    Arbitrary<String> visaOrMastercard = Combinators.combine(Arbitraries.of("4", "51", "55", "2221"),
            Arbitraries.strings().numeric().ofLength(14))
        .as((prefix, body) -> withLuhnDigit((prefix + body).substring(0, 15)));
    Arbitrary<String> grouped = Combinators.combine(visaOrMastercard, Arbitraries.of("", " ", "-"))
        .as((digits, separator) -> String.join(separator,
            digits.substring(0, 4), digits.substring(4, 8), digits.substring(8, 12),
            digits.substring(12)));
    Arbitrary<String> amex = Combinators.combine(Arbitraries.of("34", "37"),
            Arbitraries.strings().numeric().ofLength(12), Arbitraries.of("", " ", "-"))
        .as((prefix, body, separator) -> {
          String digits = withLuhnDigit(prefix + body);
          return String.join(separator, digits.substring(0, 4), digits.substring(4, 10),
              digits.substring(10));
        });
    return Arbitraries.oneOf(grouped, amex).map(Secret::whole);
  }

  private static String withLuhnDigit(String body) {
    for (int check = 0; check <= 9; check++) {
      if (CardNumbers.passesLuhn(body + check)) {
        return body + check;
      }
    }
    throw new AssertionError("some check digit always passes Luhn");
  }

  private static Arbitrary<Secret> urlCredentials() {
    return Combinators.combine(Arbitraries.of("https", "postgres", "redis", "amqp"),
            alnum(3, 10), opaque(8, 20), Arbitraries.of("db.internal", "example.com:5432"))
        .as((scheme, user, password, host) -> new Secret(
            scheme + "://" + user + ":" + password + "@" + host + "/path",
            List.of(user + ":" + password, password)));
  }

  private static Arbitrary<Secret> credentialPair() {
    Arbitrary<String> key = Arbitraries.of("password", "passwd", "pwd", "api_key", "apiKey",
        "client_secret", "access_token", "X-Api-Key", "secret", "refreshToken", "session_id");
    Arbitrary<String> format = Arbitraries.of("%s=%s", "%s: %s", "%s = %s", "\"%s\": \"%s\"",
        "'%s':'%s'", "%s=\"%s\"");
    return Combinators.combine(key, format, opaque(8, 24))
        .as((k, f, value) -> new Secret(f.formatted(k, value), List.of(value)));
  }

  /** An unquoted password holding a delimiter ("password=Tr0ub4dor&3"): all of it is secret. */
  private static Arbitrary<Secret> punctuatedPassword() {
    Arbitrary<String> key = Arbitraries.of("password", "pwd", "secret", "api_key", "token");
    return Combinators.combine(key, opaque(4, 10), Arbitraries.of('&', ',', ';', ']', '}', '"', '\'', '<'), opaque(2, 10))
        .as((k, head, punctuation, tail) -> {
          String value = head + punctuation + tail;
          return new Secret(k + "=" + value, List.of(value, punctuation + tail));
        });
  }

  private static Arbitrary<Secret> bearer() {
    Arbitrary<String> token = Arbitraries.strings().alpha().numeric().withChars("._-~+/")
        .ofMinLength(19).ofMaxLength(60).map(t -> t + "7");
    return Combinators.combine(Arbitraries.of("Bearer ", "bearer ", "Authorization: Bearer "),
            token)
        .as((prefix, t) -> new Secret(prefix + t, List.of(t)));
  }

  /** Hex keys; 32, 40 and 64 characters in one case are ids and digests and are kept. */
  private static Arbitrary<Secret> vendorKey() {
    Arbitrary<String> prefix = Arbitraries.of("whsec_", "GOCSPX-", "xapp-1-", "glpat-", "npm_",
        "pypi-AgEIcHlwaS5vcmc", "dop_v1_", "hvs.", "shpat_", "sk-ant-api03-", "dckr_pat_", "hf_",
        "lin_api_", "sntrys_", "SG.");
    return Combinators.combine(prefix, opaque(30, 50))
        .as((p, body) -> new Secret(p + body, List.of(body)));
  }

  private static Arbitrary<Secret> unicodeEmail() {
    Arbitrary<String> local = Arbitraries.of("иван.петров", "jürgen.weiß", "zoë.núñez", "conor.o'brien",
        "łukasz", "søren", "françois.dupré");
    Arbitrary<String> domain = Arbitraries.of("почта.рф", "münchen-bücher.de", "correo.es",
        "example.ie", "poczta.pl");
    return Combinators.combine(local, Arbitraries.integers().between(10, 99), domain)
        .as((l, n, d) -> Secret.whole(l + n + "@" + d));
  }

  private static Arbitrary<Secret> ipv6WithZoneOrTail() {
    Arbitrary<String> group = Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(1)
        .ofMaxLength(4);
    Arbitrary<Secret> zoned = Combinators.combine(group.list().ofSize(4), Arbitraries.of("eth0", "en1", "wlan0"))
        .as((g, zone) -> Secret.whole("fe80::" + String.join(":", g) + "%" + zone));
    Arbitrary<Secret> mapped = Arbitraries.integers().between(1, 254).list().ofSize(4)
        .map(o -> Secret.whole("::ffff:" + o.get(0) + "." + o.get(1) + "." + o.get(2) + "." + o.get(3)));
    Arbitrary<Secret> afterWord = group.list().ofSize(8)
        .map(g -> new Secret("peer:" + String.join(":", g), List.of(String.join(":", g))));
    return Arbitraries.oneOf(zoned, mapped, afterWord);
  }

  private static Arbitrary<Secret> pemBlock() {
    Arbitrary<String> line = Arbitraries.strings().alpha().numeric().withChars("+/").ofLength(64);
    return Combinators.combine(Arbitraries.of("RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY"),
            line.list().ofMinSize(1).ofMaxSize(4), opaque(12, 40))
        .as((label, lines, last) -> {
          String body = String.join("\n", lines) + "\n" + last;
          return new Secret("-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----",
              List.of(body));
        });
  }

  private static Arbitrary<Secret> iban() {
    Arbitrary<String> bban = Arbitraries.strings().numeric().ofLength(18);
    return Combinators.combine(Arbitraries.of("DE", "NL", "FR", "ES"), bban)
        .as((country, digits) -> {
          for (int check = 2; check <= 98; check++) {
            String candidate = country + String.format("%02d", check) + digits;
            if (Ibans.passesMod97(candidate)) {
              return Secret.whole(candidate);
            }
          }
          throw new AssertionError("some check digits always pass mod 97");
        });
  }

  private static Arbitrary<Secret> phone() {
    Arbitrary<Secret> e164 = Combinators.combine(Arbitraries.of("+44", "+49", "+1", "+33"),
            Arbitraries.strings().numeric().ofMinLength(8).ofMaxLength(11))
        .as((cc, digits) -> Secret.whole(cc + digits));
    Arbitrary<Secret> us = Arbitraries.strings().numeric().ofLength(7)
        .map(d -> Secret.whole("(415) " + d.substring(0, 3) + "-" + d.substring(3)));
    return Arbitraries.oneOf(e164, us);
  }

  private static Arbitrary<Secret> pairAfterHarmlessWord() {
    return Combinators.combine(Arbitraries.of("cache", "config", "db", "redis"),
            Arbitraries.of("password", "sessionid", "PGPASSWORD", "api_key", "client_secret"),
            opaque(8, 24))
        .as((word, key, value) -> new Secret(word + ":" + key + "=" + value, List.of(value)));
  }

  private static Arbitrary<Secret> yamlPassword() {
    Arbitrary<String> words = Arbitraries.of("correct", "horse", "battery", "staple", "orange")
        .list().ofMinSize(2).ofMaxSize(4).map(w -> String.join(" ", w));
    return Combinators.combine(words, opaque(4, 8))
        .as((phrase, tail) -> new Secret("password: " + phrase + " " + tail,
            List.of(phrase + " " + tail)));
  }

  private static Arbitrary<Secret> randomToken() {
    return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
        .ofMinLength(24).ofMaxLength(48)
        .filter(t -> RandomTokens.isRandom(t, 0, t.length()))
        .map(Secret::whole);
  }

  private static Arbitrary<Secret> longHex() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(33).ofMaxLength(80)
        .filter(hex -> hex.length() != 40 && hex.length() != 64)
        .map(Secret::whole);
  }
}
