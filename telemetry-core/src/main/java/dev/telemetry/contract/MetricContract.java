package dev.telemetry.contract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The declared metrics of an application, validated as a whole when built. Immutable and safe to
 * share between threads.
 *
 * <pre>{@code
 * MetricContract contract = MetricContract.builder()
 *     .counter("http_server_requests_total", m -> m
 *         .signal(GoldenSignal.TRAFFIC).labels("route", "method", "status")
 *         .description("HTTP requests served"))
 *     .histogram("http_server_duration_seconds", m -> m
 *         .unit(MetricUnit.SECONDS).signal(GoldenSignal.LATENCY).labels("route", "method")
 *         .cardinalityBudget(200))
 *     .gauge("db_pool_utilization_ratio", m -> m
 *         .unit(MetricUnit.RATIO).signal(GoldenSignal.SATURATION))
 *     .build();
 * }</pre>
 *
 * <p>{@link Builder#build()} checks every rule for every metric and throws one
 * {@link IllegalArgumentException} listing all violations:
 * <ul>
 *   <li>names are lowercase snake_case ({@code [a-z][a-z0-9]*(_[a-z0-9]+)*}), at most 100
 *       characters, and unique in the contract;</li>
 *   <li>counters end in {@code _total} (in {@code _<unit>_total} when they declare a unit); gauges
 *       and histograms declare a unit, end in {@code _<unit>} and never in {@code _total};</li>
 *   <li>label keys are snake_case, at most 64 characters, unique, at most 16 per metric, and not
 *       reserved ({@code node}, {@code service}, {@code le}, {@code quantile}, {@code __*});</li>
 *   <li>the cardinality budget is in [1, 10000] and the maximum label value length in [8, 1024];</li>
 *   <li>the route label, when set, is one of the label keys;</li>
 *   <li>the signal fits the kind: LATENCY is a histogram in a time unit, ERRORS a counter, TRAFFIC a
 *       counter or histogram, SATURATION a gauge in {@code ratio} or {@code percent}.</li>
 * </ul>
 */
public final class MetricContract {

    private static final MetricContract EMPTY = new MetricContract(List.of());

    private final List<MetricDefinition> definitions;
    private final Map<String, MetricDefinition> byName;
    private final Map<GoldenSignal, List<MetricDefinition>> bySignal;

    private MetricContract(List<MetricDefinition> definitions) {
        this.definitions = List.copyOf(definitions);
        Map<String, MetricDefinition> names = new LinkedHashMap<>();
        Map<GoldenSignal, List<MetricDefinition>> signals = new EnumMap<>(GoldenSignal.class);
        for (GoldenSignal signal : GoldenSignal.values()) {
            signals.put(signal, new ArrayList<>());
        }
        for (MetricDefinition definition : this.definitions) {
            names.put(definition.name(), definition);
            signals.get(definition.signal()).add(definition);
        }
        signals.replaceAll((signal, list) -> List.copyOf(list));
        this.byName = Map.copyOf(names);
        this.bySignal = Collections.unmodifiableMap(signals);
    }

    /** A builder for a new contract. */
    public static Builder builder() {
        return new Builder();
    }

    /** The contract that declares no metric. */
    public static MetricContract empty() {
        return EMPTY;
    }

    /** The definition named {@code name}, if declared. */
    public Optional<MetricDefinition> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /**
     * The definition named {@code name}.
     *
     * @throws IllegalArgumentException naming the metric when it is not declared
     */
    public MetricDefinition require(String name) {
        MetricDefinition definition = name == null ? null : byName.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("metric '" + name + "' is not declared in the contract");
        }
        return definition;
    }

    /** Every definition, in declaration order. */
    public List<MetricDefinition> definitions() {
        return definitions;
    }

    /** The definitions feeding {@code signal}, in declaration order. */
    public List<MetricDefinition> bySignal(GoldenSignal signal) {
        return bySignal.get(Objects.requireNonNull(signal, "signal"));
    }

    /** Two contracts are equal when they declare equal definitions in the same order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof MetricContract that && definitions.equals(that.definitions);
    }

    @Override
    public int hashCode() {
        return definitions.hashCode();
    }

    @Override
    public String toString() {
        return "MetricContract" + byNameInOrder();
    }

    private List<String> byNameInOrder() {
        return definitions.stream().map(MetricDefinition::name).toList();
    }

    /**
     * Collects metric definitions; {@link #build()} validates them all at once. Not thread-safe.
     */
    public static final class Builder {
        private final List<MetricDefinition> definitions = new ArrayList<>();
        private final List<ContractRules.ForbiddenLabelKeys> bans = new ArrayList<>();

        private Builder() {}

        /** Declares a counter; its name must end in {@code _total}. */
        public Builder counter(String name, Consumer<MetricDefinition.Builder> settings) {
            return declare(name, MetricKind.COUNTER, settings);
        }

        /** Declares a gauge; it must declare a unit and end its name with the unit's suffix. */
        public Builder gauge(String name, Consumer<MetricDefinition.Builder> settings) {
            return declare(name, MetricKind.GAUGE, settings);
        }

        /** Declares a histogram; it must declare a unit and end its name with the unit's suffix. */
        public Builder histogram(String name, Consumer<MetricDefinition.Builder> settings) {
            return declare(name, MetricKind.HISTOGRAM, settings);
        }

        /** Declares a metric built elsewhere. */
        public Builder add(MetricDefinition definition) {
            definitions.add(Objects.requireNonNull(definition, "definition"));
            return this;
        }

        /**
         * Rejects label keys matching {@code forbidden} at {@link #build()}, reporting {@code why}.
         * The Telemetry builder uses this to apply the redaction policy (no {@code email},
         * {@code password} … keys) to the contract.
         */
        public Builder validateLabelKeys(Predicate<String> forbidden, String why) {
            bans.add(new ContractRules.ForbiddenLabelKeys(
                    Objects.requireNonNull(forbidden, "forbidden"), Objects.requireNonNull(why, "why")));
            return this;
        }

        /**
         * The validated contract.
         *
         * @throws IllegalArgumentException listing every violation, one line each, when a rule is broken
         */
        public MetricContract build() {
            List<String> violations = ContractRules.violations(definitions, bans);
            if (!violations.isEmpty()) {
                throw new ContractException(violations);
            }
            return definitions.isEmpty() ? EMPTY : new MetricContract(definitions);
        }

        private Builder declare(String name, MetricKind kind, Consumer<MetricDefinition.Builder> settings) {
            Objects.requireNonNull(settings, "settings");
            MetricDefinition.Builder builder = MetricDefinition.builder(name, kind);
            settings.accept(builder);
            return add(builder.build());
        }
    }
}
