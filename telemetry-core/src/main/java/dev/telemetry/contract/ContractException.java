package dev.telemetry.contract;

import java.util.List;

/**
 * Thrown by {@link MetricContract.Builder#build()} when the contract breaks one or more rules.
 * The message lists every violation, one per line, each naming the metric and the rule; the same
 * lines are available from {@link #violations()}.
 */
final class ContractException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> violations;

    ContractException(List<String> violations) {
        super(message(violations));
        this.violations = List.copyOf(violations);
    }

    /** Every violation found, one line each, in declaration order of the metrics. */
    public List<String> violations() {
        return violations;
    }

    private static String message(List<String> violations) {
        StringBuilder message = new StringBuilder("invalid metric contract (")
                .append(violations.size())
                .append(violations.size() == 1 ? " violation):" : " violations):");
        for (String violation : violations) {
            message.append("\n  ").append(violation);
        }
        return message.toString();
    }
}
