package dev.telemetry.examples.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.http.Authorizer;
import dev.telemetry.http.DashboardRequest;
import dev.telemetry.http.TelemetryDashboard;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.otel.TelemetryLogRecordExporter;
import dev.telemetry.otel.TelemetryMeterRegistry;
import dev.telemetry.otel.TelemetryMetricExporter;
import dev.telemetry.otel.TelemetrySpanExporter;
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
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.TraceQuery;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A secret of any kind pushed through every ingestion path — the core API (labels, route labels,
 * log messages and attributes, span names and routes, event dimensions, heartbeat details), the
 * OpenTelemetry exporters (span names and attributes, log bodies and attributes, metric attributes)
 * and the Micrometer registry (tags) — is found nowhere: not in any column of any table of the
 * store (SQLite always, PostgreSQL when {@code TELEMETRY_TEST_POSTGRES_URL} is set, dumped through
 * JDBC metadata), not in the in-memory store, and not in any export (logs, traces, metrics and
 * events, CSV and JSON, through the HTTP export endpoint).
 */
class PrivacyEverywhereProperties {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:30Z");
  private static final String SALT = "privacy-test-salt-0123456789";
  private static final String SUBJECT = "customer-4711";
  private static final String PREFIX = "privacy_";
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final MetricContract CONTRACT = StandardMetrics.addHttpServer(MetricContract.builder()).build();

  @Provide
  Arbitrary<Secret> secret() {
    return Secrets.any();
  }

  @Property(tries = 40)
  void noSecretIsStoredOrExportedByAnyStoreThroughAnyPath(@ForAll("secret") Secret secret) throws Exception {
    List<String> findings = new ArrayList<>();
    InMemoryStore memory = InMemoryStore.create();
    findings.add(ingestAndExport(memory, secret.text()));
    findings.add(memoryDump(memory, CONTRACT));

    Path dir = Files.createTempDirectory("privacy");
    Path file = dir.resolve("t.db");
    JdbcStore sqlite = JdbcStore.builder().sqliteFile(file).tablePrefix(PREFIX).build();
    findings.add(ingestAndExport(sqlite, secret.text()));
    findings.add(sqlDump("jdbc:sqlite:" + file, PREFIX));
    sqlite.close();

    String postgres = System.getenv("TELEMETRY_TEST_POSTGRES_URL");
    if (postgres != null && !postgres.isBlank()) {
      String prefix = "privacy" + Long.toHexString(System.nanoTime()) + "_";
      JdbcStore shared = JdbcStore.builder().jdbcUrl(postgres).tablePrefix(prefix).build();
      try {
        findings.add(ingestAndExport(shared, secret.text()));
        findings.add(sqlDump(postgres, prefix));
      } finally {
        shared.close();
        dropTables(postgres, prefix);
      }
    }

    String everything = String.join("\n", findings);
    assertThat(everything).as("the dump is not empty").contains("[REDACTED:").contains("/login/");
    assertThat(everything).doesNotContain(SUBJECT);
    for (String sensitive : secret.sensitive()) {
      assertThat(everything).as("secret %s", secret.text()).doesNotContain(sensitive);
    }
  }

  /** Every ingestion path into {@code store}, then every export of the dashboard over it. */
  private static String ingestAndExport(TelemetryStore store, String s) {
    Telemetry telemetry = Telemetry.builder().service("svc").node("node-a").contract(CONTRACT).store(store)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).backgroundThreads(false).closeOnShutdown(false)
        .redaction(RedactionPolicy.builder().pseudonymSalt(SALT).build())
        .logAttributeKeys("note", "detail").eventDimensionKeys("plan", "network").build();
    try {
      core(telemetry, s);
      otel(telemetry, s);
      micrometer(telemetry, s);
      telemetry.flush();
      return exports(telemetry);
    } finally {
      telemetry.close();
    }
  }

  private static void core(Telemetry telemetry, String s) {
    telemetry.histogram(StandardMetrics.HTTP_SERVER_DURATION).record(0.1, "route", "/login/" + s, "method", "POST",
        "status", "500 " + s);
    telemetry.counter(StandardMetrics.HTTP_SERVER_REQUESTS).add(1, "route", "/login?token=" + s, "method", s,
        "status", "200");
    telemetry.log(LogLevel.ERROR, "auth", "login_failed " + s, "login failed for " + s + " (retrying)", null, null,
        Map.of("note", "value " + s, "detail", s, "password", s, "authorization", "Bearer " + s));
    telemetry.error("auth", "crashed", "crashed for " + s, new IllegalStateException("state " + s));
    telemetry.span(null, "4bf92f3577b34da6a3ce929d0e0e4736", null, "POST " + s, "auth", "/login/" + s + "?token=" + s,
        500, true, Duration.ofMillis(5));
    telemetry.event("login", SUBJECT, Map.of("plan", "pro " + s, "network", s, "email", s), Outcome.FAILURE, 1);
    telemetry.jobRun("sync", Duration.ofMinutes(1), Duration.ofSeconds(1), false, "failed with " + s);
  }

  private static void otel(Telemetry telemetry, String s) {
    SdkTracerProvider tracing = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(TelemetrySpanExporter.create(telemetry))).build();
    SdkLoggerProvider logging = SdkLoggerProvider.builder()
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(TelemetryLogRecordExporter.create(telemetry))).build();
    SdkMeterProvider metering = SdkMeterProvider.builder().registerMetricReader(
        PeriodicMetricReader.builder(TelemetryMetricExporter.create(telemetry)).setInterval(Duration.ofDays(1)).build())
        .build();
    try {
      Span span = tracing.get("privacy").spanBuilder("GET /users/" + s).setSpanKind(SpanKind.SERVER)
          .setStartTimestamp(NOW).setAttribute(ROUTE, "/users/" + s).setAttribute(METHOD, "GET")
          .setAttribute(STATUS, 500L).setAttribute(ERROR_TYPE, "failed " + s)
          .setAttribute("user.email", s).setAttribute("db.statement", "SELECT * WHERE pw='" + s + "'").startSpan();
      span.setStatus(StatusCode.ERROR, "failed for " + s);
      span.end(NOW.plusMillis(20));
      logging.get("privacy").logRecordBuilder().setSeverity(Severity.ERROR).setBody("otel log " + s)
          .setTimestamp(NOW).setAllAttributes(Attributes.of(AttributeKey.stringKey("note"), "n " + s,
              AttributeKey.stringKey("password"), s, AttributeKey.stringKey("exception.message"), "boom " + s))
          .emit();
      metering.get("privacy").histogramBuilder("http.server.request.duration").setUnit("s").build().record(0.2,
          Attributes.of(ROUTE, "/orders/" + s, METHOD, "GET", STATUS, 200L, AttributeKey.stringKey("client.address"),
              s));
      metering.forceFlush().join(10, TimeUnit.SECONDS);
    } finally {
      tracing.shutdown().join(10, TimeUnit.SECONDS);
      logging.shutdown().join(10, TimeUnit.SECONDS);
      metering.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  private static void micrometer(Telemetry telemetry, String s) {
    TelemetryMeterRegistry registry = TelemetryMeterRegistry.create(telemetry);
    Timer.builder("http.server.requests").tag("uri", "/carts/" + s).tag("method", "GET").tag("status", "500")
        .tag("exception", s).tag("outcome", "SERVER_ERROR").register(registry).record(Duration.ofMillis(30));
    registry.counter("jobs.failed", "job", s).increment();
    registry.close();
  }

  /** Logs, traces, events and every declared metric, as CSV and JSON, through the HTTP export endpoint. */
  private static String exports(Telemetry telemetry) {
    StringBuilder all = new StringBuilder();
    try (TelemetryDashboard dashboard = TelemetryDashboard.builder(telemetry).authorizer(Authorizer.allowAll())
        .build()) {
      List<String> queries = new ArrayList<>();
      for (String type : List.of("logs", "traces", "events")) {
        queries.add("type=" + type);
      }
      for (var metric : CONTRACT.definitions()) {
        queries.add("type=metrics&metric=" + metric.name());
      }
      for (String query : queries) {
        for (String format : List.of("csv", "json")) {
          CapturedResponse r = new CapturedResponse();
          dashboard.handle(DashboardRequest.of("GET", "/admin/telemetry/api/v1/export", query + "&format=" + format
              + "&from=2026-11-23T09:00:00Z&to=2026-11-23T10:04:00Z", name -> null), r);
          assertThat(r.status).as("%s %s: %s", query, format, r.text()).isEqualTo(200);
          all.append(r.text()).append('\n');
        }
      }
    }
    return all.toString();
  }

  /** Every row of every kind the in-memory store holds for the metrics of {@code contract}, as text. */
  static String memoryDump(InMemoryStore store, MetricContract contract) {
    Instant from = Instant.EPOCH;
    Instant to = Instant.parse("2100-01-01T00:00:00Z");
    StringBuilder all = new StringBuilder();
    for (var metric : contract.definitions()) {
      for (Resolution resolution : Resolution.values()) {
        all.append(store.readSamples(SampleQuery.of(metric.name(), resolution, from, to)));
      }
    }
    return all.append(store.readLogs(LogQuery.range(from, to, 100)).items())
        .append(store.readTraces(TraceQuery.range(from, to, 100)).items())
        .append(store.readEvents(new EventQuery(null, from, to, 1000)))
        .append(store.readHeartbeats()).toString();
  }

  /** Every column of every row of every table whose name starts with {@code prefix}, as text. */
  static String sqlDump(String url, String prefix) throws SQLException {
    StringBuilder all = new StringBuilder();
    int tables = 0;
    try (Connection c = DriverManager.getConnection(url)) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME");
          if (name.startsWith(prefix) && name.matches("[A-Za-z0-9_]+")) {
            names.add(name);
          }
        }
      }
      for (String table : names) {
        tables++;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              Object value = rs.getObject(i);
              all.append(value instanceof byte[] bytes ? new String(bytes, UTF_8) : String.valueOf(value)).append('|');
            }
            all.append('\n');
          }
        }
      }
    }
    assertThat(tables).as("tables with prefix %s", prefix).isGreaterThanOrEqualTo(8);
    return all.toString();
  }

  static void dropTables(String url, String prefix) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, prefix + "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          names.add(rs.getString("TABLE_NAME"));
        }
      }
      for (String t : names) {
        if (t.startsWith(prefix) && t.matches("[a-z0-9_]+")) {
          s.execute("DROP TABLE IF EXISTS " + t + " CASCADE");
        }
      }
    }
  }

}
