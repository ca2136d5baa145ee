/**
 * A Jakarta Servlet 6 {@link jakarta.servlet.Filter} that times every request by route template
 * into the contract's HTTP latency, traffic and errors metrics.
 */
module dev.telemetry.servlet {
  requires transitive dev.telemetry.core;
  requires transitive jakarta.servlet;

  exports dev.telemetry.servlet;
}
