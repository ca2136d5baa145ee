package dev.telemetry.health;

/**
 * Checks one backing service (database, cache, object storage, exporter …) for the {@link
 * HealthMatrix}. Built-ins are in {@link Probes}.
 *
 * <h2>Threading and blocking</h2>
 * {@link #check()} runs on the matrix's probe threads, never on a request thread and never on
 * the host's hot path. It may block on I/O. The matrix starts at most one check per service at a
 * time: while a check is still running (even past its timeout) the next round reports the
 * service {@link HealthStatus#DOWN} instead of starting another, so a hung probe holds at most
 * one thread.
 *
 * <h2>Timeout</h2>
 * Each service has a timeout (default 5 s). When it passes, the service is reported {@link
 * HealthStatus#DOWN} with detail {@code "timed out after N ms"} and the probe's thread is
 * interrupted; a probe should honour interruption (or use its client's own timeout). Other
 * services are unaffected.
 *
 * <h2>Failures</h2>
 * Anything the probe throws is contained: the service is reported {@link HealthStatus#DOWN} with
 * the exception's type and message as detail (never a stack trace). Returning {@code null} is
 * treated the same way.
 *
 * <pre>{@code
 * HealthProbe cache = () -> redis.ping() ? ProbeResult.healthy("PONG") : ProbeResult.down("no PONG");
 * }</pre>
 */
@FunctionalInterface
public interface HealthProbe {
  /** Checks the service once. */
  ProbeResult check() throws Exception;
}
