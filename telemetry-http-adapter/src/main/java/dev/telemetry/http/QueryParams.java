package dev.telemetry.http;

import dev.telemetry.store.Page.Cursor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parsed query string of one request, with typed, bounded accessors. Every refusal is an
 * {@link ApiException} naming the parameter. Parameters a path does not know are refused too, so
 * a typo ({@code limt=5}) is an error rather than a silently ignored filter.
 */
final class QueryParams {
  /** Longest raw query string accepted. */
  static final int MAX_QUERY_LENGTH = 4096;
  /** Most parameters in one request. */
  static final int MAX_PARAMS = 32;
  /** Longest free-text value (search, names). */
  static final int MAX_TEXT = 256;
  /** Prefix of label filters ({@code label.route=/cart}). */
  static final String LABEL_PREFIX = "label.";
  /** Most label filters. */
  static final int MAX_LABELS = 8;
  /** Prefix of event dimension filters ({@code filter.network=mainnet}). */
  static final String FILTER_PREFIX = "filter.";
  /** The entry of an endpoint's parameter set that admits every {@code filter.K} parameter. */
  static final String ANY_FILTER = FILTER_PREFIX + "*";
  private static final java.util.regex.Pattern DIMENSION = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final Map<String, String> values;

  private QueryParams(Map<String, String> values) {
    this.values = values;
  }

  static QueryParams parse(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return new QueryParams(Map.of());
    }
    if (rawQuery.length() > MAX_QUERY_LENGTH) {
      throw new ApiException(414, "query_too_long", "the query string is longer than " + MAX_QUERY_LENGTH
          + " characters", null);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), null);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
      if (values.put(name, value) != null) {
        throw ApiException.badParameter(shorten(name), "is given more than once");
      }
      if (values.size() > MAX_PARAMS) {
        throw new ApiException(400, "too_many_parameters", "at most " + MAX_PARAMS + " parameters", null);
      }
    }
    return new QueryParams(Collections.unmodifiableMap(values));
  }

  private static String decode(String raw, String param) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "malformed_query", "the query string has a malformed %-escape", param);
    }
  }

  /** Refuses any parameter not in {@code allowed} (label filters pass when {@code labels} is true). */
  void allowOnly(Set<String> allowed, boolean labels) {
    for (String name : values.keySet()) {
      if (!allowed.contains(name) && !(labels && name.startsWith(LABEL_PREFIX))
          && !(name.startsWith(FILTER_PREFIX) && allowed.contains(ANY_FILTER))) {
        throw new ApiException(400, "unknown_parameter", "unknown parameter '" + shorten(name) + "'; allowed: "
            + String.join(", ", new TreeSet<>(allowed)), shorten(name));
      }
    }
  }

  boolean has(String name) {
    String v = values.get(name);
    return v != null && !v.isEmpty();
  }

  /** A text value of at most {@value #MAX_TEXT} characters, or {@code null} when absent or empty. */
  String text(String name) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (v.length() > MAX_TEXT) {
      throw ApiException.badParameter(name, "must be at most " + MAX_TEXT + " characters, was " + v.length());
    }
    for (int i = 0; i < v.length(); i++) {
      if (Character.isISOControl(v.charAt(i))) {
        throw ApiException.badParameter(name, "must not contain control characters");
      }
    }
    return v;
  }

  /** A required text value. */
  String requiredText(String name) {
    String v = text(name);
    if (v == null) {
      throw new ApiException(400, "missing_parameter", name + " is required", name);
    }
    return v;
  }

  /** An integer in {@code [min, max]}, or {@code fallback} when absent. */
  int integer(String name, int fallback, int min, int max) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    long parsed;
    try {
      if (v.length() > 12) {
        throw new NumberFormatException();
      }
      parsed = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.badParameter(name, "must be an integer between " + min + " and " + max);
    }
    if (parsed < min || parsed > max) {
      throw ApiException.badParameter(name, "must be between " + min + " and " + max + ", was " + parsed);
    }
    return (int) parsed;
  }

  /** A finite decimal in {@code [min, max]}, or {@code fallback} when absent. */
  double decimal(String name, double fallback, double min, double max) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    double parsed;
    try {
      if (v.length() > 24) {
        throw new NumberFormatException();
      }
      parsed = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw ApiException.badParameter(name, "must be a number between " + min + " and " + max);
    }
    if (!(parsed >= min && parsed <= max)) {
      throw ApiException.badParameter(name, "must be between " + min + " and " + max + ", was " + v);
    }
    return parsed;
  }

  /** One of {@code choices} (case-insensitive, returned in lower case), or {@code fallback} when absent. */
  String choice(String name, String fallback, List<String> choices) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    String lower = v.toLowerCase(Locale.ROOT);
    if (!choices.contains(lower)) {
      throw ApiException.badParameter(name, "must be one of " + String.join(", ", choices) + ", was '"
          + shorten(v) + "'");
    }
    return lower;
  }

  /** A comma-separated subset of {@code choices}, empty when absent. */
  List<String> choices(String name, List<String> choices) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      return List.of();
    }
    if (v.length() > MAX_TEXT) {
      throw ApiException.badParameter(name, "must be at most " + MAX_TEXT + " characters");
    }
    List<String> picked = new ArrayList<>();
    for (String part : v.split(",", -1)) {
      String lower = part.trim().toLowerCase(Locale.ROOT);
      if (!choices.contains(lower)) {
        throw ApiException.badParameter(name, "must be a comma-separated list of " + String.join(", ", choices)
            + ", was '" + shorten(v) + "'");
      }
      if (!picked.contains(lower)) {
        picked.add(lower);
      }
    }
    return List.copyOf(picked);
  }

  /** A UTC ISO-8601 instant ({@code 2026-11-23T10:00:00Z}), or {@code null} when absent. */
  Instant instant(String name) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (v.length() > 40) {
      throw ApiException.badParameter(name, "must be an ISO-8601 instant such as 2026-11-23T10:00:00Z");
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiException.badParameter(name, "must be an ISO-8601 instant such as 2026-11-23T10:00:00Z, was '"
          + shorten(v) + "'");
    }
  }

  /** A cursor from a previous page, checked here so a bad one is a 400 before any store is read. */
  String cursor(String name) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      Cursor.decode(v);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "invalid_cursor", "cursor is malformed: pass back the next_cursor of a previous"
          + " page", name);
    }
    return v;
  }

  /** The {@code label.K=V} filters, sorted by key. */
  Map<String, String> labels() {
    Map<String, String> labels = new TreeMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().startsWith(LABEL_PREFIX)) {
        String key = e.getKey().substring(LABEL_PREFIX.length());
        if (key.isEmpty() || key.length() > 64 || !key.matches("[a-z][a-z0-9_]*")) {
          throw ApiException.badParameter(shorten(e.getKey()), "must name a label key in snake_case");
        }
        labels.put(key, text(e.getKey()) == null ? "" : e.getValue());
      }
    }
    if (labels.size() > MAX_LABELS) {
      throw ApiException.badParameter("label", "at most " + MAX_LABELS + " label filters");
    }
    return labels;
  }

  /** The {@code filter.K=V} event dimension filters, sorted by key; each value is a text value. */
  Map<String, String> filters() {
    Map<String, String> filters = new TreeMap<>();
    for (String name : values.keySet()) {
      if (name.startsWith(FILTER_PREFIX)) {
        String key = name.substring(FILTER_PREFIX.length());
        if (!DIMENSION.matcher(key).matches()) {
          throw ApiException.badParameter(shorten(name), "must name a dimension of 1 to 64 letters, digits, '_', '.'"
              + " or '-'");
        }
        String value = text(name);
        if (value == null) {
          throw ApiException.badParameter(name, "must have a value (filter." + key + "=value)");
        }
        filters.put(key, value);
      }
    }
    if (filters.size() > dev.telemetry.events.EventAnalyticsQuery.MAX_FILTERS) {
      throw ApiException.badParameter("filter", "at most " + dev.telemetry.events.EventAnalyticsQuery.MAX_FILTERS
          + " dimension filters");
    }
    return filters;
  }

  private static String shorten(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }
}
