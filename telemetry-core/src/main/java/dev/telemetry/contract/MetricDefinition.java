package dev.telemetry.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One declared metric: its name, what it measures and which labels it may carry.
 *
 * <p>A definition is plain data; {@link MetricContract.Builder#build()} validates it against the
 * naming, unit, label and signal rules. Build one with {@link #builder(String, MetricKind)} to get
 * the defaults, or let {@link MetricContract.Builder} do it:
 *
 * <pre>{@code
 * MetricDefinition latency = MetricDefinition.builder("http_server_duration_seconds", MetricKind.HISTOGRAM)
 *     .unit(MetricUnit.SECONDS).signal(GoldenSignal.LATENCY).labels("route", "method")
 *     .build();
 * }</pre>
 *
 * @param name the metric name, lowercase snake_case
 * @param kind counter, gauge or histogram
 * @param unit the unit, whose suffix the name ends with; {@link MetricUnit#NONE} only for counters
 * @param signal the golden signal the metric feeds, or {@link GoldenSignal#NONE}
 * @param description free text for humans; never null, may be empty
 * @param labelKeys the allowed label keys in declaration order; the recording engine addresses a
 *     key by its index in this list ({@link #labelIndex(String)})
 * @param cardinalityBudget how many distinct label sets are kept before the rest fold into one
 *     overflow series (default {@value #DEFAULT_CARDINALITY_BUDGET})
 * @param routeLabel the label key whose values are normalised by {@link RouteTemplates}, or null
 *     for none (default: {@code "route"} when it is a label key)
 * @param maxLabelValueLength label values longer than this are truncated (default
 *     {@value #DEFAULT_MAX_LABEL_VALUE_LENGTH})
 */
public record MetricDefinition(
        String name,
        MetricKind kind,
        MetricUnit unit,
        GoldenSignal signal,
        String description,
        List<String> labelKeys,
        int cardinalityBudget,
        String routeLabel,
        int maxLabelValueLength) {

    /** Distinct label sets per metric unless declared otherwise. */
    public static final int DEFAULT_CARDINALITY_BUDGET = 100;
    /** Label value length unless declared otherwise. */
    public static final int DEFAULT_MAX_LABEL_VALUE_LENGTH = 128;
    /** The label key that becomes the route label by default. */
    public static final String DEFAULT_ROUTE_LABEL = "route";

    /** Copies {@code labelKeys}; rejects nulls except {@code routeLabel}. */
    public MetricDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(description, "description");
        labelKeys = List.copyOf(Objects.requireNonNull(labelKeys, "labelKeys"));
    }

    /**
     * A builder with the defaults: unit {@link MetricUnit#NONE}, signal {@link GoldenSignal#NONE},
     * empty description, no labels, the default budget and value length, and {@code "route"} as the
     * route label when it is a label key.
     */
    public static Builder builder(String name, MetricKind kind) {
        return new Builder(name, kind);
    }

    /**
     * The position of {@code key} in {@link #labelKeys()}, or -1 when the key is not allowed.
     *
     * <p>Called for every recorded label: a linear scan without allocation, which beats hashing
     * for the at most 16 keys a metric may declare.
     */
    public int labelIndex(String key) {
        List<String> keys = labelKeys;
        for (int i = 0, n = keys.size(); i < n; i++) {
            if (keys.get(i).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether values of {@code key} are route paths to be normalised. */
    public boolean isRouteLabel(String key) {
        return routeLabel != null && routeLabel.equals(key);
    }

    /**
     * Collects the settings of one metric. Used directly or through the callbacks of
     * {@link MetricContract.Builder#counter}, {@code gauge} and {@code histogram}. Nothing is
     * validated here beyond nulls; {@link MetricContract.Builder#build()} checks the whole contract
     * at once and reports every problem together.
     */
    public static final class Builder {
        private final String name;
        private final MetricKind kind;
        private MetricUnit unit = MetricUnit.NONE;
        private GoldenSignal signal = GoldenSignal.NONE;
        private String description = "";
        private List<String> labelKeys = List.of();
        private int cardinalityBudget = DEFAULT_CARDINALITY_BUDGET;
        private String routeLabel;
        private boolean routeLabelDeclared;
        private int maxLabelValueLength = DEFAULT_MAX_LABEL_VALUE_LENGTH;

        Builder(String name, MetricKind kind) {
            this.name = Objects.requireNonNull(name, "name");
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        /** The unit; gauges and histograms must declare one and end their name with its suffix. */
        public Builder unit(MetricUnit unit) {
            this.unit = Objects.requireNonNull(unit, "unit");
            return this;
        }

        /** The golden signal this metric feeds. */
        public Builder signal(GoldenSignal signal) {
            this.signal = Objects.requireNonNull(signal, "signal");
            return this;
        }

        /** A description for humans. */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** The allowed label keys, in the order the recording engine will index them. */
        public Builder labels(String... keys) {
            Objects.requireNonNull(keys, "keys");
            for (int i = 0; i < keys.length; i++) {
                Objects.requireNonNull(keys[i], "label key at index " + i);
            }
            this.labelKeys = Arrays.asList(keys.clone());
            return this;
        }

        /** How many distinct label sets to keep before folding the rest into an overflow series. */
        public Builder cardinalityBudget(int budget) {
            this.cardinalityBudget = budget;
            return this;
        }

        /**
         * The label key whose values are normalised to route templates, or null for none. Without
         * this call, {@code "route"} is the route label when it is one of the label keys.
         */
        public Builder routeLabel(String key) {
            this.routeLabel = key;
            this.routeLabelDeclared = true;
            return this;
        }

        /** Label values longer than this are truncated. */
        public Builder maxLabelValueLength(int length) {
            this.maxLabelValueLength = length;
            return this;
        }

        /** The definition, unvalidated; validation happens when a contract is built. */
        public MetricDefinition build() {
            String route = routeLabelDeclared
                    ? routeLabel
                    : labelKeys.contains(DEFAULT_ROUTE_LABEL) ? DEFAULT_ROUTE_LABEL : null;
            return new MetricDefinition(name, kind, unit, signal, description, labelKeys,
                    cardinalityBudget, route, maxLabelValueLength);
        }
    }
}
