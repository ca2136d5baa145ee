package dev.telemetry.redaction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What telemetry may keep of sensitive data: which fields are dropped, how free text is
 * scrubbed, and how identifiers that must be counted are pseudonymized.
 *
 * <pre>{@code
 * RedactionPolicy policy = RedactionPolicy.builder()
 *     .forbidFields("tenant_secret_ref")
 *     .scrubPattern("order_token", "ord_[a-z0-9]{24}")
 *     .pseudonymSalt(System.getenv("TELEMETRY_SALT"))
 *     .build();
 *
 * policy.scrub("login failed for bob@example.com from 10.0.0.7");
 *     // "login failed for [REDACTED:email] from [REDACTED:ipv4]"
 * policy.filterAttributes(Map.of("route", "/login", "password", "hunter2"));
 *     // {route=/login}
 * policy.pseudonymize("user-42");   // 32 lowercase hex characters, stable for this salt
 * }</pre>
 *
 * <p><b>Field names</b> are matched by words, case- and separator-insensitively:
 * {@code Authorization}, {@code X-Api-Key}, {@code apiKey}, {@code client_secret},
 * {@code access_token}, {@code Set-Cookie}, {@code sessionId}, {@code e-mail},
 * {@code client_ip}, {@code x-forwarded-for}, {@code userId}, {@code card_number} … are
 * forbidden; {@code zip}, {@code tokens_total} and {@code token_count} are not. Builder names
 * add to the defaults, never replace them.
 *
 * <p><b>Text</b> is scrubbed of PEM blocks, URL credentials, JWTs, vendor access keys (some
 * ninety prefixes, Discord bot tokens, incoming-webhook URLs), bearer, Basic, Digest and OAuth
 * credentials, {@code curl -u} and {@code mysql -p} credentials, values of
 * forbidden keys in {@code key=value}, {@code key: value}, JSON, YAML and XML pairs (whatever
 * word precedes the key), long hex strings other than ids and digests, random-looking tokens
 * of 20 or more characters, emails (any script), IPv6 (zone ids, embedded IPv4) and IPv4
 * addresses, MAC addresses, Luhn-valid card numbers, US social security numbers, IBANs and phone
 * numbers. Each becomes
 * {@code [REDACTED:kind]} with kind {@code private_key}, {@code url_credentials}, {@code jwt},
 * {@code access_key}, {@code bearer}, {@code credential}, {@code secret}, {@code email},
 * {@code ipv6}, {@code mac}, {@code ipv4}, {@code card}, {@code ssn}, {@code iban} or {@code phone}, or the kind of a
 * custom pattern. Scrubbing is idempotent. Texts longer
 * than 8 KiB are cut at a word boundary and end with {@code [TRUNCATED]}.
 *
 * <p>Instances are immutable and safe to share between threads; build one at start-up.
 */
public final class RedactionPolicy {

  private static final RedactionPolicy DEFAULTS = builder().build();

  private final ForbiddenFieldNames forbiddenFields;
  private final TextScrubber scrubber;
  private final Pseudonymizer pseudonymizer;

  private RedactionPolicy(Builder builder) {
    this.forbiddenFields = ForbiddenFieldNames.withExtra(builder.forbiddenNames);
    this.scrubber = new TextScrubber(forbiddenFields, builder.customRules, builder.ibans,
        builder.phoneNumbers);
    this.pseudonymizer = builder.salt == null ? null : new Pseudonymizer(builder.salt);
  }

  /** The built-in rules, without a pseudonym salt. */
  public static RedactionPolicy defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether values under this field name (attribute key, label, header) must be dropped. */
  public boolean isForbiddenField(String name) {
    return forbiddenFields.isForbidden(name);
  }

  /**
   * The text with every secret replaced by {@code [REDACTED:kind]}; the same instance when
   * nothing was found; {@code null} for {@code null}.
   */
  public String scrub(String text) {
    return scrubber.scrub(text);
  }

  /**
   * An immutable copy of {@code attributes}, in their iteration order, without forbidden keys
   * and without keys that hold a secret themselves ({@code {"bob@example.com": "1"}}: the
   * scrubber would change the key), with every value scrubbed. Entries with a null key or
   * value are dropped; a null map gives an empty one.
   */
  public Map<String, String> filterAttributes(Map<String, String> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return Map.of();
    }
    Map<String, String> kept = new LinkedHashMap<>(attributes.size() * 2);
    attributes.forEach((key, value) -> {
      if (key != null && value != null && !forbiddenFields.isForbidden(key)
          && scrubber.scrub(key).equals(key)) {
        kept.put(key, scrubber.scrub(value));
      }
    });
    return Collections.unmodifiableMap(kept);
  }

  /**
   * A stable stand-in for {@code id}: the lowercase hex of the first 16 bytes of
   * HMAC-SHA256(salt, UTF-8 bytes of id), 32 characters. Equal ids give equal pseudonyms under
   * one salt; without the salt they cannot be linked back to the ids.
   *
   * @throws IllegalStateException if the policy was built without {@code pseudonymSalt}
   * @throws NullPointerException if {@code id} is null
   */
  public String pseudonymize(String id) {
    Objects.requireNonNull(id, "id");
    if (pseudonymizer == null) {
      throw new IllegalStateException("pseudonymize needs a salt: this RedactionPolicy was built "
          + "without one; set RedactionPolicy.builder().pseudonymSalt(…) (at least "
          + Pseudonymizer.MIN_SALT_BYTES + " bytes, e.g. from TELEMETRY_SALT)");
    }
    return pseudonymizer.pseudonymize(id);
  }

  /**
   * Configures a {@link RedactionPolicy}. Every setting is validated when it is made, and the
   * message names the setting, the value and the rule.
   */
  public static final class Builder {

    private static final Pattern KIND = Pattern.compile("[a-z0-9_]+");

    private final List<String> forbiddenNames = new ArrayList<>();
    private final List<ScrubRule> customRules = new ArrayList<>();
    private byte[] salt;
    private boolean ibans = true;
    private boolean phoneNumbers = true;

    private Builder() {}

    /** Whether IBANs (mod-97 valid) become {@code [REDACTED:iban]}. Default: true. */
    public Builder scrubIbans(boolean ibans) {
      this.ibans = ibans;
      return this;
    }

    /**
     * Whether phone numbers become {@code [REDACTED:phone]}: international numbers with
     * {@code +} and a country code, and national layouts such as {@code (415) 555-0132} or
     * {@code 020 7946 0958}. Default: true.
     */
    public Builder scrubPhoneNumbers(boolean phoneNumbers) {
      this.phoneNumbers = phoneNumbers;
      return this;
    }

    /** Adds field names to forbid, matched by words like the built-in ones. */
    public Builder forbidFields(String... names) {
      Objects.requireNonNull(names, "names");
      for (String name : names) {
        Objects.requireNonNull(name, "forbidFields: name");
        forbiddenNames.add(name);
      }
      ForbiddenFieldNames.withExtra(forbiddenNames); // reject a name without words now
      return this;
    }

    /**
     * Adds a pattern whose matches become {@code [REDACTED:kind]}. Custom patterns run before
     * the built-in ones; matches that overlap an existing marker are left alone.
     *
     * @param kind lowercase letters, digits and underscores
     * @param regex a {@link Pattern} that does not match the empty string
     */
    public Builder scrubPattern(String kind, String regex) {
      Objects.requireNonNull(kind, "scrubPattern: kind");
      Objects.requireNonNull(regex, "scrubPattern: regex");
      if (!KIND.matcher(kind).matches()) {
        throw new IllegalArgumentException(
            "scrubPattern: kind '" + kind + "' must match [a-z0-9_]+");
      }
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("scrubPattern: regex '" + regex + "' for kind '"
            + kind + "' does not compile: " + e.getDescription(), e);
      }
      if (pattern.matcher("").matches()) {
        throw new IllegalArgumentException("scrubPattern: regex '" + regex + "' for kind '"
            + kind + "' matches the empty string, so it would mark every position");
      }
      customRules.add(new ScrubRule(kind, features -> true, pattern,
          ScrubRule.SecretGroup.whole()));
      return this;
    }

    /** The key for {@link #pseudonymize}: at least 16 bytes, set once. */
    public Builder pseudonymSalt(byte[] salt) {
      Objects.requireNonNull(salt, "pseudonymSalt");
      if (this.salt != null) {
        throw new IllegalStateException("pseudonymSalt is already set");
      }
      if (salt.length < Pseudonymizer.MIN_SALT_BYTES) {
        throw new IllegalArgumentException("pseudonymSalt must be at least "
            + Pseudonymizer.MIN_SALT_BYTES + " bytes, got " + salt.length);
      }
      this.salt = salt.clone();
      return this;
    }

    /** The key for {@link #pseudonymize} as UTF-8: at least 16 bytes, set once. */
    public Builder pseudonymSalt(String salt) {
      Objects.requireNonNull(salt, "pseudonymSalt");
      return pseudonymSalt(salt.getBytes(StandardCharsets.UTF_8));
    }

    public RedactionPolicy build() {
      return new RedactionPolicy(this);
    }
  }
}
