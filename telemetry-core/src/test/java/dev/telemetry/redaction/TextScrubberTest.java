package dev.telemetry.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextScrubberTest {

  private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
      + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

  private final RedactionPolicy policy = RedactionPolicy.defaults();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "login failed for bob.smith+tag@mail.example.co.uk now | login failed for [REDACTED:email] now",
      "mailto:alice@example.com.                 | mailto:[REDACTED:email].",
      "peer 10.0.0.7:8080 and 255.255.255.255     | peer [REDACTED:ipv4]:8080 and [REDACTED:ipv4]",
      "from 2001:0db8:0000:0000:0000:ff00:0042:8329 | from [REDACTED:ipv6]",
      "from 2001:db8::1 via [fe80::1%eth0]       | from [REDACTED:ipv6] via [[REDACTED:ipv6]]",
      "link fe80::1ff:fe23:4567:890a%eth0 up     | link [REDACTED:ipv6] up",
      "peer:2600:1f18:4a3:6a00:4c2f:7b1e:9d8a:a149 closed | peer:[REDACTED:ipv6] closed",
      "mapped ::ffff:192.0.2.128 and 64:ff9b::10.0.0.1 | mapped [REDACTED:ipv6] and [REDACTED:ipv6]",
      "from иван.петров71@почта.рф and jürgen.weiß41@münchen-bücher.de | from [REDACTED:email] and [REDACTED:email]",
      "to zoë51.núñez@example.com, conor61.o'brien@example.ie | to [REDACTED:email], [REDACTED:email]",
      "cache:password=Tr0ub4dor&3 ok             | cache:password=[REDACTED:credential] ok",
      "cache:sessionid=a8f3kq2 ok                | cache:sessionid=[REDACTED:credential] ok",
      "config dump: password: correct horse battery staple | config dump: password: [REDACTED:credential]",
      "PGPASSWORD=pgU34xyz psql -h db            | PGPASSWORD=[REDACTED:credential] psql -h db",
      "`<user>bob</user><password>hunter2</password>` | `<user>bob</user><password>[REDACTED:credential]</password>`",
      "curl -u admin:s3cret https://api.example  | curl -u [REDACTED:credential] https://api.example",
      "span GET Basic YWxhZGRpbjpvcGVuc2VzYW1l    | span GET Basic [REDACTED:credential]",
      "Cookie: connect.sid=s%3AkR2x9.Qw; JSESSIONID=8F3A2B | Cookie: [REDACTED:credential]; JSESSIONID=[REDACTED:credential]",
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw done | [REDACTED:access_key] done",
      "client 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  | client [REDACTED:access_key]",
      "slack xapp-1-A0123BCDEFG-1234567890123-abcdef0123 | slack [REDACTED:access_key]",
      "gitlab glpat-xYz12AbCdEfGhIjKlMnO done      | gitlab [REDACTED:access_key] done",
      "sg 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 | sg [REDACTED:access_key]",
      "npm npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8 | npm [REDACTED:access_key]",
      "IBAN DE89 3704 0044 0532 0130 00 paid     | IBAN [REDACTED:iban] paid",
      "iban GB82WEST12345698765432               | iban [REDACTED:iban]",
      "call +44 20 7946 0958 or (415) 555-0132   | call [REDACTED:phone] or [REDACTED:phone]",
      "call 415.555.0132 today                   | call [REDACTED:phone] today",
      "rappel 06 12 34 56 78, mobile 07700 900123 | rappel [REDACTED:phone], mobile [REDACTED:phone]",
      "ssn 078-05-1120 on file                   | ssn [REDACTED:ssn] on file",
      "user said the password is hunter2!!       | user said the password is [REDACTED:credential]",
      "password hunter2Xy for admin              | password [REDACTED:credential] for admin",
      "aws secret 7CE556A3BC234CC1FF9E8A5C324C0BB70AA21B6D | aws secret [REDACTED:credential]",
      "lease for 3c:22:fb:9a:41:0e renewed       | lease for [REDACTED:mac] renewed",
      "SMTP_PASS=mailPw2024 host=smtp            | SMTP_PASS=[REDACTED:credential] host=smtp",
      "mysqldump -u root -pKq8vN2xR7tLm orders   | mysqldump -u root -p[REDACTED:credential] orders",
      "bot MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs on | bot [REDACTED:access_key] on",
      "Authorization: Digest username=\"svc\", response=\"6629fae4\" | Authorization: Digest [REDACTED:credential]",
      "call 415-555-0132 or 020 7946 0958        | call [REDACTED:phone] or [REDACTED:phone]",
      "at 2026-11-29 06:59:09 order 1234567 v1.2.3 | at 2026-11-29 06:59:09 order 1234567 v1.2.3",
      "opaque k9XqL2mZ8vR4tY7wB3nC6pD1 token     | opaque [REDACTED:secret] token",
      "loopback ::1 only                          | loopback [REDACTED:ipv6] only",
      "to 2001:db8::1: refused                    | to [REDACTED:ipv6] refused",
      "for 0:0:0:0:0:0:0:0: state                 | for [REDACTED:ipv6] state",
      "for 0::: state                             | for [REDACTED:ipv6] state",
      "Authorization: Bearer abcdefghijklmnop1234 | Authorization: Bearer [REDACTED:bearer]",
      "`Authorization: Bearer " + JWT + "`      | Authorization: Bearer [REDACTED:jwt]",
      "`token " + JWT + " expired`              | token [REDACTED:jwt] expired",
      "key AKIAIOSFODNN7EXAMPLE in us-east-1    | key [REDACTED:access_key] in us-east-1",
      "sts ASIAY34FZKBOKMUTVV7A                 | sts [REDACTED:access_key]",
      "gcp AIzaSyA1234567890abcdefghijklmnopqrstuv | gcp [REDACTED:access_key]",
      "gh ghp_abcdefghijklmnopqrstuvwxyz0123456789 | gh [REDACTED:access_key]",
      "gh github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz | gh [REDACTED:access_key]",
      "slack xoxb-123456789012-1234567890123-AbCdEfGhIjKl | slack [REDACTED:access_key]",
      "stripe sk_live_51H8abcdefghijklmnopqrstu and rk_live_abcdefghijklmnop12 | stripe [REDACTED:access_key] and [REDACTED:access_key]",
      "openai sk-proj-abcdefghijklmnopqrstuvwxyz  | openai [REDACTED:access_key]",
      "key 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0877 | key [REDACTED:secret]",
      "pk 0xAbCdEf0123456789abcdef0123456789ABCDEF01 | pk [REDACTED:secret]",
      "blob dGhpcyBpcyBhIHNlY3JldCBrZXkgZm9yIHRlc3Rpbmc9Pz1AbC9x== end | blob [REDACTED:secret] end",
      "password=hunter2&user=bob                 | password=[REDACTED:credential]&user=bob",
      "pwd=a;b,c&d, then                         | pwd=[REDACTED:credential], then",
      "{pwd=ab]c}d9, secret=x<y} end             | {pwd=[REDACTED:credential], secret=[REDACTED:credential]} end",
      "sid=Xy9;Path=/; secret=k3y&x=1            | sid=[REDACTED:credential];Path=/; secret=[REDACTED:credential]&x=1",
      "`{\"token\": \"abc def\", \"tokens_total\": 5}` | `{\"token\": \"[REDACTED:credential]\", \"tokens_total\": 5}`",
      "`{'client_secret':'s3'}`                 | `{'client_secret':'[REDACTED:credential]'}`",
      "api_key: xyz                              | api_key: [REDACTED:credential]",
      "X-Api-Key = k-123 retry=3                 | X-Api-Key = [REDACTED:credential] retry=3",
      "Authorization: Basic dXNlcjpwYXNz         | Authorization: Basic [REDACTED:credential]",
      "Cookie: sid=abc; theme=dark               | Cookie: [REDACTED:credential]; theme=dark",
      "`-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49\nAwEHoUQDQgAE\n-----END EC PRIVATE KEY----- ok` | [REDACTED:private_key] ok",
      "`{\"password\": \"a\\\"b c\"}`              | `{\"password\": \"[REDACTED:credential]\"}`",
      "connect postgres://admin:s3cr3t@db.internal:5432/app | connect postgres://[REDACTED:url_credentials]@db.internal:5432/app",
      "redis://:p@ss@cache:6379                  | redis://[REDACTED:url_credentials]@cache:6379",
      "card 4111 1111 1111 1111 paid             | card [REDACTED:card] paid",
      "card 4111-1111-1111-1111, amex 3782 822463 10005 | card [REDACTED:card], amex [REDACTED:card]",
      "card 5555555555554444 2024                | card [REDACTED:card] 2024",
      "card 4000 0000 0000 0002 100 paid         | card [REDACTED:card] 100 paid",
      "`see https://alice:pw@example.com/u/bob@example.com` | see https://[REDACTED:url_credentials]@example.com/u/[REDACTED:email]",
  })
  void replacesEachSecretWithAMarkerNamingItsKind(String input, String expected) {
    assertThat(policy.scrub(input.strip())).isEqualTo(expected.strip());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "GET /api/v1/users/42 200 in 250ms",
      "started at 2026-11-23T10:15:30Z, next run 12:30:45.120",
      "version 1.2.3 build 2024.11 on java 17.0.15",
      "order 1234567890123456 shipped",
      "order 4111111111111112 is not Luhn-valid",
      "request 123e4567-e89b-12d3-a456-426614174000 done",
      "sha 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 and trace 4bf92f3577b34da6a3ce929d0e0e4736",
      "at java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)",
      "epoch 1732356930123 ms",
      "std::vector and Foo::bar and 12:30:45",
      "login failed: password is incorrect for user 42",
      "password reset requested; token was expired; token bucket refilled",
      "tokens_total=512 token_count=3 password_length: 12",
      "Bearer authentication failed",
      "/Users/alice/Documents/Project2024/src/main/java/RequestDurationSeconds",
      "values 2 3 4 5 6 7 8 9 1 2 3 4 5 6 7",
      "status: ok, retries=3, zip=90210",
  })
  void leavesBenignTextUntouchedAsTheSameInstance(String text) {
    assertThat(policy.scrub(text)).isSameAs(text);
  }

  @Test
  void returnsNullForNull() {
    assertThat(policy.scrub(null)).isNull();
  }

  @Test
  void leavesMarkersAlone() {
    String scrubbed = "password=[REDACTED:credential] at [REDACTED:ipv4] Bearer [REDACTED:jwt]"
        + " https://[REDACTED:url_credentials]@host";

    assertThat(policy.scrub(scrubbed)).isSameAs(scrubbed);
  }

  @Test
  void truncatesLongTextAtAWordBoundaryBeforeScrubbing() {
    String word = "lorem ";
    String text = word.repeat(2000) + "bob@example.com";

    String scrubbed = policy.scrub(text);

    assertThat(scrubbed).hasSizeLessThanOrEqualTo(TextScrubber.MAX_CHARS)
        .endsWith(" " + TextScrubber.TRUNCATION_MARKER)
        .doesNotContain("bob");
    assertThat(policy.scrub(scrubbed)).isEqualTo(scrubbed);
  }

  @Test
  void dropsTheWordCutByTruncationRatherThanLeaveAFragmentOfIt() {
    String prefix = "x ".repeat((TextScrubber.MAX_CHARS - TextScrubber.TRUNCATION_MARKER.length()
        - 10) / 2);
    String text = prefix + "alice.longname@example.com trailing words".repeat(10);

    String scrubbed = policy.scrub(text);

    assertThat(scrubbed).endsWith("x " + TextScrubber.TRUNCATION_MARKER).doesNotContain("alice");
  }

  @Test
  void staysWithinTheBoundWhenMarkersAreLongerThanWhatTheyReplace() {
    String text = "1.2.3.4 ".repeat(TextScrubber.MAX_CHARS / 8);

    String scrubbed = policy.scrub(text);

    assertThat(scrubbed).hasSizeLessThanOrEqualTo(TextScrubber.MAX_CHARS)
        .doesNotContain("1.2.3.4");
    assertThat(policy.scrub(scrubbed)).isEqualTo(scrubbed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "@", "a@", ":", "0:", "1 ", "a=", "-", "eyJa.", "+/", "Bearer "})
  @Timeout(5)
  void finishesPathologicalInputsQuickly(String unit) {
    String text = unit.repeat(TextScrubber.MAX_CHARS / unit.length());
    long started = System.nanoTime();

    policy.scrub(text);
    policy.scrub(unit.repeat(100_000));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
  }
}
