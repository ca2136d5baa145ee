package dev.telemetry.status;

/**
 * A threshold setting could not be used. The message names the setting (environment variable or
 * system property), the value and the rule; the three are also available separately.
 */
final class ThresholdConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String setting;
  private final String value;
  private final String rule;

  ThresholdConfigException(String setting, String value, String rule) {
    this(setting, cut(value), rule, true);
  }

  private ThresholdConfigException(String setting, String shown, String rule, boolean cut) {
    super(setting + "='" + shown + "': " + rule);
    this.setting = setting;
    this.value = shown;
    this.rule = rule;
  }

  private static String cut(String value) {
    return value.length() > 100 ? value.substring(0, 100) + "…" : value;
  }

  /** The environment variable, system property or builder key that was wrong. */
  public String setting() {
    return setting;
  }

  /** The value given (cut to 100 characters). */
  public String value() {
    return value;
  }

  /** The rule it broke. */
  public String rule() {
    return rule;
  }
}
