package dev.telemetry.contract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The rules a {@link MetricContract} is checked against. Each check appends one line per violation
 * ({@code metric 'name': rule}) so that a contract with many mistakes is reported in one go.
 */
final class ContractRules {

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_LABEL_KEY_LENGTH = 64;
    static final int MAX_LABEL_KEYS = 16;
    static final int MIN_CARDINALITY_BUDGET = 1;
    static final int MAX_CARDINALITY_BUDGET = 10_000;
    static final int MIN_LABEL_VALUE_LENGTH = 8;
    static final int MAX_LABEL_VALUE_LENGTH = 1024;
    static final String COUNTER_SUFFIX = "_total";

    static final String SNAKE_CASE = "[a-z][a-z0-9]*(_[a-z0-9]+)*";
    private static final Pattern SNAKE_CASE_PATTERN = Pattern.compile(SNAKE_CASE);

    /** Keys the library adds itself (node, service) or that exposition formats own (le, quantile). */
    static final List<String> RESERVED_LABEL_KEYS = List.of("node", "service", "le", "quantile");
    static final String RESERVED_LABEL_PREFIX = "__";

    /** A caller-supplied ban on label keys, e.g. from the redaction policy. */
    record ForbiddenLabelKeys(Predicate<String> forbidden, String why) {}

    private ContractRules() {}

    /** Every violation in {@code definitions}, in declaration order; empty when the contract is valid. */
    static List<String> violations(List<MetricDefinition> definitions, List<ForbiddenLabelKeys> bans) {
        List<String> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> reportedDuplicates = new HashSet<>();
        for (MetricDefinition definition : definitions) {
            Violations v = new Violations(definition.name(), violations);
            if (!seen.add(definition.name()) && reportedDuplicates.add(definition.name())) {
                v.add("declared more than once; metric names must be unique in a contract");
            }
            checkName(definition, v);
            checkLabelKeys(definition, bans, v);
            checkLimits(definition, v);
            checkSignal(definition, v);
        }
        return violations;
    }

    private static void checkName(MetricDefinition d, Violations v) {
        String name = d.name();
        if (!SNAKE_CASE_PATTERN.matcher(name).matches()) {
            v.add("name must be lowercase snake_case (" + SNAKE_CASE + ")");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            v.add("name must be at most " + MAX_NAME_LENGTH + " characters (was " + name.length() + ")");
        }
        String kind = kindName(d.kind());
        if (d.kind() == MetricKind.COUNTER) {
            String suffix = d.unit().isNone() ? COUNTER_SUFFIX : "_" + d.unit().suffix() + COUNTER_SUFFIX;
            if (!name.endsWith(suffix)) {
                v.add("counter name must end with '" + suffix + "'"
                        + (d.unit().isNone() ? "" : " (its unit '" + d.unit().suffix() + "' then '_total')"));
            }
            return;
        }
        if (name.endsWith(COUNTER_SUFFIX)) {
            v.add(kind + " name must not end with '" + COUNTER_SUFFIX + "' (reserved for counters)");
        }
        if (d.unit().isNone()) {
            v.add(kind + " must declare a unit (MetricUnit.SECONDS, BYTES, RATIO, … or MetricUnit.custom(\"…\"))");
        } else if (!name.endsWith("_" + d.unit().suffix())) {
            v.add(kind + " name must end with '_" + d.unit().suffix() + "' (the suffix of its unit)");
        }
    }

    private static void checkLabelKeys(MetricDefinition d, List<ForbiddenLabelKeys> bans, Violations v) {
        List<String> keys = d.labelKeys();
        if (keys.size() > MAX_LABEL_KEYS) {
            v.add("at most " + MAX_LABEL_KEYS + " label keys are allowed (was " + keys.size() + ")");
        }
        Set<String> seen = new HashSet<>();
        for (String key : keys) {
            if (!seen.add(key)) {
                v.add("label key '" + key + "' is declared more than once");
                continue;
            }
            if (RESERVED_LABEL_KEYS.contains(key) || key.startsWith(RESERVED_LABEL_PREFIX)) {
                v.add("label key '" + key + "' is reserved (" + reservedKeysText() + ")");
                continue;
            }
            if (!SNAKE_CASE_PATTERN.matcher(key).matches()) {
                v.add("label key '" + key + "' must be lowercase snake_case (" + SNAKE_CASE + ")");
            }
            if (key.length() > MAX_LABEL_KEY_LENGTH) {
                v.add("label key '" + key + "' must be at most " + MAX_LABEL_KEY_LENGTH
                        + " characters (was " + key.length() + ")");
            }
            for (ForbiddenLabelKeys ban : bans) {
                if (ban.forbidden().test(key)) {
                    v.add("label key '" + key + "' is forbidden: " + ban.why());
                }
            }
        }
        String route = d.routeLabel();
        if (route != null && !keys.contains(route)) {
            v.add("routeLabel '" + route + "' must be one of the label keys " + keys);
        }
    }

    private static void checkLimits(MetricDefinition d, Violations v) {
        checkRange("cardinalityBudget", d.cardinalityBudget(), MIN_CARDINALITY_BUDGET, MAX_CARDINALITY_BUDGET, v);
        checkRange("maxLabelValueLength", d.maxLabelValueLength(), MIN_LABEL_VALUE_LENGTH, MAX_LABEL_VALUE_LENGTH, v);
    }

    private static void checkRange(String field, int value, int min, int max, Violations v) {
        if (value < min || value > max) {
            v.add(field + " must be in [" + min + ", " + max + "] (was " + value + ")");
        }
    }

    private static void checkSignal(MetricDefinition d, Violations v) {
        MetricKind kind = d.kind();
        MetricUnit unit = d.unit();
        String was = " (was " + kindName(kind) + " in unit '" + unit + "')";
        switch (d.signal()) {
            case LATENCY -> {
                if (kind != MetricKind.HISTOGRAM || !unit.isTimeBased()) {
                    v.add("signal LATENCY requires a histogram with a time unit (seconds or milliseconds)" + was);
                }
            }
            case ERRORS -> {
                if (kind != MetricKind.COUNTER) {
                    v.add("signal ERRORS requires a counter" + was);
                }
            }
            case TRAFFIC -> {
                if (kind == MetricKind.GAUGE) {
                    v.add("signal TRAFFIC requires a counter or a histogram" + was);
                }
            }
            case SATURATION -> {
                if (kind != MetricKind.GAUGE
                        || !(unit.equals(MetricUnit.RATIO) || unit.equals(MetricUnit.PERCENT))) {
                    v.add("signal SATURATION requires a gauge in unit 'ratio' or 'percent'" + was);
                }
            }
            case NONE -> { }
        }
    }

    private static String kindName(MetricKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String reservedKeysText() {
        return "reserved keys: " + String.join(", ", RESERVED_LABEL_KEYS)
                + " and any key starting with '" + RESERVED_LABEL_PREFIX + "'";
    }

    /** Prefixes each rule with the metric it concerns. */
    private record Violations(String metric, List<String> sink) {
        void add(String rule) {
            sink.add("metric '" + metric + "': " + rule);
        }
    }
}
