package dev.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.contract.GoldenSignal;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricUnit;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.redaction.Secrets;
import dev.telemetry.redaction.Secrets.Secret;
import dev.telemetry.store.EventQuery;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.TraceQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A secret of any kind pushed through every ingestion path of the core API — label values,
 * route labels, log messages, event names, attributes (allowed and forbidden keys), span names
 * and routes, event dimensions and subjects, heartbeat details — is found nowhere in the store.
 */
class PrivacyEndToEndProperties {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:30Z");
  private static final Instant FROM = Instant.EPOCH;
  private static final Instant TO = Instant.parse("2100-01-01T00:00:00Z");
  private static final String SUBJECT = "customer-4711";
  private static final MetricContract CONTRACT = MetricContract.builder()
      .histogram("http_server_duration_seconds", m -> m.unit(MetricUnit.SECONDS).signal(GoldenSignal.LATENCY)
          .labels("route", "method", "tenant").maxLabelValueLength(1024))
      .build();

  @Provide
  Arbitrary<Secret> secret() {
    return Secrets.any();
  }

  @Property(tries = 300)
  void noSecretReachesTheStoreThroughAnyIngestionPath(@ForAll("secret") Secret secret) {
    InMemoryStore store = InMemoryStore.create();
    RedactionPolicy policy = RedactionPolicy.builder().pseudonymSalt("privacy-test-salt-0123456789").build();
    Telemetry telemetry = Telemetry.builder().service("svc").node("node-a").contract(CONTRACT).store(store)
        .redaction(policy).clock(new MutableClock(T0)).backgroundThreads(false).closeOnShutdown(false).build();
    String s = secret.text();

    telemetry.histogram("http_server_duration_seconds").record(0.1, "route", "/login/" + s, "method", "POST",
        "tenant", "acme " + s);
    telemetry.log(LogLevel.ERROR, "auth", "login_failed " + s, "login failed for " + s + " (retrying)", null, null,
        Map.of("note", "value " + s, "password", s, "authorization", "Bearer " + s));
    telemetry.span(null, "4bf92f3577b34da6a3ce929d0e0e4736", null, "POST " + s, "auth", "/login?token=" + s,
        500, true, Duration.ofMillis(5));
    telemetry.event("login", SUBJECT, Map.of("plan", "pro " + s, "email", s), Outcome.FAILURE, 1);
    telemetry.jobRun("sync", Duration.ofMinutes(1), Duration.ofSeconds(1), false, "failed with " + s);
    telemetry.flush();
    telemetry.close();

    String everything = String.join("\n",
        store.readSamples(SampleQuery.of("http_server_duration_seconds", Resolution.MINUTE, FROM, TO)).toString(),
        store.readLogs(LogQuery.range(FROM, TO, 100)).items().toString(),
        store.readTraces(TraceQuery.range(FROM, TO, 100)).items().toString(),
        store.readEvents(new EventQuery(null, FROM, TO, 100)).toString(),
        store.readHeartbeats().toString());
    assertThat(everything).contains("[REDACTED:").doesNotContain(SUBJECT);
    for (String sensitive : secret.sensitive()) {
      assertThat(everything).as("stored rows for secret %s", s).doesNotContain(sensitive);
    }
  }
}
