package dev.telemetry.signals;

import java.time.Instant;
import java.util.List;

/**
 * Server metadata on the summary.
 *
 * @param version the library version ({@code unknown} when not packaged)
 * @param service the service name
 * @param environment the environment (e.g. {@code production})
 * @param node this node
 * @param startedAt when the telemetry instance started
 * @param uptimeSeconds whole seconds since {@code startedAt}
 * @param nodes every node seen in the last hour of golden-signal data, plus this one, sorted
 */
public record ServerInfo(
    String version,
    String service,
    String environment,
    String node,
    Instant startedAt,
    long uptimeSeconds,
    List<String> nodes) {
  public ServerInfo {
    nodes = List.copyOf(nodes);
  }
}
