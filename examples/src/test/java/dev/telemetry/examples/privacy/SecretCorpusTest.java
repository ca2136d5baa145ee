package dev.telemetry.examples.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.health.ProbeResult;
import dev.telemetry.http.Authorizer;
import dev.telemetry.http.DashboardRequest;
import dev.telemetry.http.JdkDashboardServer;
import dev.telemetry.http.TelemetryDashboard;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.otel.TelemetryLogRecordExporter;
import dev.telemetry.otel.TelemetryMeterRegistry;
import dev.telemetry.otel.TelemetryMetricExporter;
import dev.telemetry.otel.TelemetrySpanExporter;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.testkit.TestClock;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The corpus test of issue 13: every kind of secret in {@code secret-corpus.tsv} (over a
 * hundred, each in realistic surrounding text) is pushed through every ingestion path in
 * {@link #PATHS}, and then searched for, whole and as any 8-character fragment of its
 * sensitive part, in the in-memory store, SQLite, PostgreSQL (when
 * {@code TELEMETRY_TEST_POSTGRES_URL} is set), every API answer and every CSV and JSON export.
 *
 * <p>Keep the corpus growing: a new kind is one line of the resource.
 */
class SecretCorpusTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:30Z");
  private static final String FROM_TO = "from=2026-11-23T09:00:00Z&to=2026-11-23T10:04:00Z";
  private static final String SALT = "corpus-test-salt-0123456789";
  private static final String PREFIX = "corpus_";
  private static final int FRAGMENT = 8;
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  private static final MetricContract CONTRACT =
      StandardMetrics.addHttpServer(MetricContract.builder()).build();
  private static final Pattern SENSITIVE = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);

  /** One way in: what a host or an instrumentation library does with a text. */
  private record IngestionPath(String name, PathAction action) {}

  @FunctionalInterface
  private interface PathAction {
    void push(Telemetry telemetry, String text);
  }

  private static final List<IngestionPath> PATHS = List.of(
      new IngestionPath("log message", (t, s) -> {
        t.log(LogLevel.ERROR, "auth", "login_failed", s, null, null, Map.of());
        t.warn("auth", "warned", s);
        t.error("auth", "failed", s);
      }),
      new IngestionPath("log attribute key", (t, s) ->
          t.log(LogLevel.WARN, "auth", "attr_key", "attribute key", null, null, Map.of(s, "1"))),
      new IngestionPath("log attribute value", (t, s) ->
          t.log(LogLevel.WARN, "auth", "attr_value", "attribute value", null, null, Map.of("note", s))),
      new IngestionPath("exception message", (t, s) ->
          t.error("auth", "crashed", "crashed", new IllegalStateException(s))),
      new IngestionPath("log domain", (t, s) -> t.log(LogLevel.ERROR, s, "e", "m", null, null, Map.of())),
      new IngestionPath("log event", (t, s) -> t.log(LogLevel.ERROR, "d", s, "m", null, null, Map.of())),
      new IngestionPath("event type", (t, s) -> t.event(s, null, Map.of(), Outcome.SUCCESS, 1)),
      new IngestionPath("event dimension key", (t, s) ->
          t.event("dimension_key", null, Map.of(s, "1"), Outcome.SUCCESS, 1)),
      new IngestionPath("event dimension value", (t, s) ->
          t.event("dimension_value", null, Map.of("plan", s), Outcome.FAILURE, 1)),
      new IngestionPath("event subject", (t, s) -> t.event("subject", s, Map.of(), Outcome.SUCCESS, 1)),
      new IngestionPath("metric label value", (t, s) ->
          t.counter(StandardMetrics.HTTP_SERVER_REQUESTS).add(1, "route", "/x", "method", s, "status", "200")),
      new IngestionPath("metric route", (t, s) ->
          t.histogram(StandardMetrics.HTTP_SERVER_DURATION).record(0.1, "route", s, "method", "GET",
              "status", "500")),
      new IngestionPath("span name", (t, s) ->
          t.span(null, "4bf92f3577b34da6a3ce929d0e0e4736", null, s, "auth", "/login", 500, true,
              Duration.ofMillis(5))),
      new IngestionPath("span route", (t, s) ->
          t.span(null, "4bf92f3577b34da6a3ce929d0e0e4737", null, "GET", "auth", "/login/" + s, 200, false,
              Duration.ofMillis(5))),
      new IngestionPath("OTel span name", (t, s) -> otelSpan(t, s, "GET /users")),
      new IngestionPath("OTel span attributes", (t, s) -> otelSpan(t, "GET /users", s)),
      new IngestionPath("OTel log body", (t, s) -> otelLog(t, s, "note")),
      new IngestionPath("OTel log attributes", (t, s) -> otelLog(t, "otel log", s)),
      new IngestionPath("OTel metric attributes", SecretCorpusTest::otelMetric),
      new IngestionPath("Micrometer tags", SecretCorpusTest::micrometer),
      new IngestionPath("heartbeat and key names", (t, s) -> {
        t.heartbeat(s, Duration.ofMinutes(1));
        t.keyRefreshed(s, Duration.ofHours(1));
      }),
      new IngestionPath("job name and detail", (t, s) -> {
        t.jobRun(s, Duration.ofMinutes(1), Duration.ofSeconds(1), false, "ok");
        t.jobRun("sync", Duration.ofMinutes(1), Duration.ofSeconds(1), false, "failed: " + s);
      }),
      new IngestionPath("health probe detail", (t, s) -> t.health().checkNow().join()));

  /** The public methods of {@link Telemetry} that take host text, each exercised by {@link #PATHS}. */
  private static final Set<String> INGESTING_METHODS = Set.of("log", "warn", "error", "span", "event",
      "heartbeat", "jobRun", "keyRefreshed", "histogram", "counter", "gauge");

  private record Kind(String name, String text, List<String> sensitive) {}

  @Test
  void everyWayInThatTakesTextIsAnIngestionPathOfTheCorpusTest() {
    Set<String> takingText = new TreeSet<>();
    for (Method method : Telemetry.class.getMethods()) {
      boolean text = Arrays.stream(method.getParameterTypes()).anyMatch(type -> type == String.class
          || type == Map.class || type == Throwable.class || type == String[].class);
      if (text && !Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() == Telemetry.class) {
        takingText.add(method.getName());
      }
    }
    assertThat(INGESTING_METHODS).as("a new way in must get a path in PATHS and a name here")
        .containsAll(takingText);
  }

  @Test
  void noKindOfSecretIsStoredOrServedThroughAnyPath() throws Exception {
    List<Kind> kinds = corpus();
    List<String> leaks = new ArrayList<>();
    long tried = 0;
    boolean postgres = postgresUrl() != null;
    for (Kind kind : kinds) {
      Map<String, String> outputs = new LinkedHashMap<>();
      InMemoryStore memory = InMemoryStore.create();
      outputs.put("in-memory exports and API", ingestAndServe(memory, kind.text()));
      outputs.put("in-memory store", PrivacyEverywhereProperties.memoryDump(memory, CONTRACT));
      Path dir = Files.createTempDirectory("corpus");
      Path file = dir.resolve("t.db");
      JdbcStore sqlite = JdbcStore.builder().sqliteFile(file).tablePrefix(PREFIX).build();
      try {
        outputs.put("SQLite exports and API", ingestAndServe(sqlite, kind.text()));
      } finally {
        sqlite.close();
      }
      outputs.put("SQLite tables", PrivacyEverywhereProperties.sqlDump("jdbc:sqlite:" + file, PREFIX));
      if (postgres) {
        String prefix = "corpus" + Long.toHexString(System.nanoTime()) + "_";
        JdbcStore shared = JdbcStore.builder().jdbcUrl(postgresUrl()).tablePrefix(prefix).build();
        try {
          outputs.put("PostgreSQL exports and API", ingestAndServe(shared, kind.text()));
          outputs.put("PostgreSQL tables", PrivacyEverywhereProperties.sqlDump(postgresUrl(), prefix));
        } finally {
          shared.close();
          PrivacyEverywhereProperties.dropTables(postgresUrl(), prefix);
        }
      }
      tried += PATHS.size();
      outputs.forEach((where, text) -> leaks.addAll(leaksOf(kind, where, text)));
    }
    System.out.printf("secret corpus: %d kinds x %d paths = %d tried, stores: memory, SQLite%s; "
        + "%d leaks%n", kinds.size(), PATHS.size(), tried, postgres ? ", PostgreSQL" : "", leaks.size());
    assertThat(kinds).hasSizeGreaterThanOrEqualTo(100);
    assertThat(leaks).isEmpty();
  }

  /**
   * The error-log paths whose text reaches {@code /stream}: its {@code error_event}s carry the log's
   * domain, event, message and attributes, and its {@code vital_signs} the summary's error feed.
   */
  private static final List<String> STREAM_PATHS = List.of("log message", "log attribute key",
      "log attribute value", "exception message", "log domain", "log event");

  /**
   * The live feed sends at most this many new ERROR logs per tick (the rest of a burst is skipped,
   * by design), so the corpus goes in rounds that each fit one tick, a round-end marker last.
   */
  private static final int KINDS_PER_ROUND = 12;

  @Test
  void noKindOfSecretReachesTheLiveStream() throws Exception {
    List<Kind> kinds = corpus();
    TestClock clock = TestClock.at(NOW);
    Telemetry telemetry = Telemetry.builder().service("svc").node("node-a").contract(CONTRACT)
        .store(InMemoryStore.create()).clock(clock).backgroundThreads(false).closeOnShutdown(false)
        .redaction(RedactionPolicy.builder().pseudonymSalt(SALT).build()).build();
    // each round's error_event data lines, in order (two per kind, then the marker); everything else
    // (vital_signs with the summary's error feed, keep-alives) mixes kinds and is searched as a whole
    List<List<String>> errorEvents = new ArrayList<>();
    StringBuilder shared = new StringBuilder();
    try (TelemetryDashboard dashboard = TelemetryDashboard.builder(telemetry).authorizer(Authorizer.allowAll())
            .build();
        JdkDashboardServer server = JdkDashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", 0))) {
      HttpURLConnection connection = (HttpURLConnection) URI.create(server.url() + "api/v1/stream").toURL()
          .openConnection();
      connection.setReadTimeout(30_000);
      assertThat(connection.getResponseCode()).isEqualTo(200);
      try (BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), UTF_8))) {
        for (int from = 0, round = 0; from < kinds.size(); from += KINDS_PER_ROUND, round++) {
          clock.advance(Duration.ofSeconds(1));
          for (Kind kind : kinds.subList(from, Math.min(kinds.size(), from + KINDS_PER_ROUND))) {
            String s = kind.text();
            telemetry.log(LogLevel.ERROR, s, s, s, null, null, Map.of(s, "1", "note", s));
            telemetry.error("auth", "crashed", "crashed", new IllegalStateException(s));
          }
          String marker = "round-" + round + "-done";
          telemetry.log(LogLevel.ERROR, "corpus", "round_end", marker, null, null, Map.of());
          telemetry.flush();
          // the feed's next tick sends this round's errors, oldest first, so the marker comes last
          List<String> roundEvents = new ArrayList<>();
          errorEvents.add(roundEvents);
          boolean errorEvent = false;
          for (String line = in.readLine(); ; line = in.readLine()) {
            assertThat(line).as("the stream ended before %s", marker).isNotNull();
            if (line.startsWith("data: ") && line.contains(marker)) {
              break;
            }
            if (line.startsWith("event: ")) {
              errorEvent = line.equals("event: error_event");
            } else if (line.startsWith("data: ") && errorEvent) {
              roundEvents.add(line);
            } else {
              shared.append(line).append('\n');
            }
          }
        }
      } finally {
        connection.disconnect();
      }
    } finally {
      telemetry.close();
    }
    List<String> leaks = new ArrayList<>();
    int read = 0;
    for (int round = 0; round < errorEvents.size(); round++) {
      List<String> events = errorEvents.get(round);
      read += events.size();
      for (int i = 0; i < events.size(); i++) {
        leaks.addAll(leaksOf(kinds.get(round * KINDS_PER_ROUND + i / 2), "/stream error_event", events.get(i)));
      }
    }
    String allTexts = String.join("\n", kinds.stream().map(Kind::text).toList());
    for (Kind kind : kinds) {
      // in output that mixes kinds, a fragment is this kind's only if no other kind's text holds it
      String others = allTexts.replace(kind.text(), "");
      leaks.addAll(leaksOf(kind, "/stream vital_signs", shared.toString(), fragment -> !others.contains(fragment)));
    }
    System.out.printf("secret corpus, /stream: %d kinds x %d paths = %d tried, %d error events read; %d leaks%n",
        kinds.size(), STREAM_PATHS.size(), kinds.size() * STREAM_PATHS.size(), read, leaks.size());
    // every log pushed (two per kind) came through the stream, each round's marker ending it
    assertThat(read).isEqualTo(2 * kinds.size());
    assertThat(leaks).isEmpty();
  }

  /** Every path into one telemetry over {@code store}, then every export and API answer. */
  private static String ingestAndServe(TelemetryStore store, String text) {
    Telemetry telemetry = Telemetry.builder().service("svc").node("node-a").contract(CONTRACT).store(store)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).backgroundThreads(false).closeOnShutdown(false)
        .redaction(RedactionPolicy.builder().pseudonymSalt(SALT).build())
        .healthProbe("db", () -> ProbeResult.down("pool init failed: " + text))
        .healthProbe("cache", () -> {
          throw new IllegalStateException("cache login failed: " + text);
        })
        .build();
    try {
      for (IngestionPath path : PATHS) {
        path.action().push(telemetry, text);
      }
      telemetry.flush();
      telemetry.summary().refresh();
      return serve(telemetry);
    } finally {
      telemetry.close();
    }
  }

  private static void otelSpan(Telemetry telemetry, String name, String attribute) {
    SdkTracerProvider tracing = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(TelemetrySpanExporter.create(telemetry))).build();
    try {
      Span span = tracing.get("corpus").spanBuilder(name).setSpanKind(SpanKind.SERVER).setStartTimestamp(NOW)
          .setAttribute(ROUTE, "/users/" + attribute).setAttribute(METHOD, "GET").setAttribute(STATUS, 500L)
          .setAttribute("error.type", attribute).setAttribute(attribute, attribute).startSpan();
      span.end(NOW.plusMillis(20));
    } finally {
      tracing.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  private static void otelLog(Telemetry telemetry, String body, String attribute) {
    SdkLoggerProvider logging = SdkLoggerProvider.builder()
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(TelemetryLogRecordExporter.create(telemetry)))
        .build();
    try {
      logging.get("corpus").logRecordBuilder().setSeverity(Severity.ERROR).setBody(body).setTimestamp(NOW)
          .setAllAttributes(Attributes.of(AttributeKey.stringKey("note"), attribute,
              AttributeKey.stringKey("exception.message"), attribute, AttributeKey.stringKey(attribute), "1"))
          .emit();
    } finally {
      logging.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  private static void otelMetric(Telemetry telemetry, String text) {
    SdkMeterProvider metering = SdkMeterProvider.builder().registerMetricReader(
        PeriodicMetricReader.builder(TelemetryMetricExporter.create(telemetry)).setInterval(Duration.ofDays(1))
            .build()).build();
    try {
      metering.get("corpus").histogramBuilder("http.server.request.duration").setUnit("s").build().record(0.2,
          Attributes.of(ROUTE, text, METHOD, text, STATUS, 200L, AttributeKey.stringKey(text), text));
      metering.forceFlush().join(10, TimeUnit.SECONDS);
    } finally {
      metering.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  private static void micrometer(Telemetry telemetry, String text) {
    TelemetryMeterRegistry registry = TelemetryMeterRegistry.create(telemetry);
    try {
      Timer.builder("http.server.requests").tag("uri", text).tag("method", text).tag("status", "500")
          .tag("exception", text).tag(text, text).register(registry).record(Duration.ofMillis(30));
      registry.counter("jobs.failed", "job", text).increment();
    } finally {
      registry.close();
    }
  }

  /** Every CSV and JSON export and every JSON API answer of the dashboard. */
  private static String serve(Telemetry telemetry) {
    StringBuilder all = new StringBuilder();
    try (TelemetryDashboard dashboard =
        TelemetryDashboard.builder(telemetry).authorizer(Authorizer.allowAll()).build()) {
      Consumer<String> get = pathAndQuery -> {
        int question = pathAndQuery.indexOf('?');
        CapturedResponse response = new CapturedResponse();
        dashboard.handle(DashboardRequest.of("GET", "/admin/telemetry/api/v1" + pathAndQuery.substring(0, question),
            pathAndQuery.substring(question + 1), name -> null), response);
        assertThat(response.status).as("%s: %s", pathAndQuery, response.text()).isEqualTo(200);
        all.append(response.text()).append('\n');
      };
      List<String> exports = new ArrayList<>(List.of("type=logs", "type=traces", "type=events"));
      for (var metric : CONTRACT.definitions()) {
        exports.add("type=metrics&metric=" + metric.name());
        get.accept("/trends?metric=" + metric.name() + "&" + FROM_TO);
      }
      for (String query : exports) {
        for (String format : List.of("csv", "json")) {
          get.accept("/export?" + query + "&format=" + format + "&" + FROM_TO);
        }
      }
      for (String api : List.of("/top-routes", "/top-errors", "/logs", "/traces",
          "/events?type=dimension_value&by=plan&", "/events?type=dimension_key&")) {
        get.accept(api + (api.contains("?") ? "" : "?") + FROM_TO);
      }
      for (String api : List.of("/summary", "/health", "/freshness", "/config", "/links")) {
        get.accept(api + "?");
      }
    }
    return all.toString();
  }

  /** The sensitive parts of {@code kind} found in {@code output}, whole or as 8-character fragments. */
  private static List<String> leaksOf(Kind kind, String where, String output) {
    return leaksOf(kind, where, output, fragment -> true);
  }

  /** As {@link #leaksOf(Kind, String, String)}, counting only fragments {@code attributable} accepts. */
  private static List<String> leaksOf(Kind kind, String where, String output,
      java.util.function.Predicate<String> attributable) {
    String decoded = unescape(output);
    List<String> found = new ArrayList<>();
    for (String sensitive : kind.sensitive()) {
      List<String> fragments = new ArrayList<>();
      if (sensitive.length() <= FRAGMENT) {
        fragments.add(sensitive);
      } else {
        for (int i = 0; i + FRAGMENT <= sensitive.length(); i++) {
          fragments.add(sensitive.substring(i, i + FRAGMENT));
        }
      }
      for (String fragment : fragments) {
        if (attributable.test(fragment) && (output.contains(fragment) || decoded.contains(fragment))) {
          found.add(kind.name() + " in " + where + ": '" + fragment + "' of '" + sensitive + "' near: "
              + context(decoded.contains(fragment) ? decoded : output, fragment));
          break;
        }
      }
    }
    return found;
  }

  private static String context(String text, String fragment) {
    int at = text.indexOf(fragment);
    return text.substring(Math.max(0, at - 60), Math.min(text.length(), at + fragment.length() + 20));
  }

  /** JSON and CSV escapes undone, so an escaped secret is still found. */
  private static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(i + 1);
        if (next == 'u' && i + 5 < text.length()) {
          out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
          i += 5;
          continue;
        }
        out.append(switch (next) {
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          default -> next;
        });
        i++;
      } else if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
        out.append('"');
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static List<Kind> corpus() throws IOException {
    try (InputStream in = SecretCorpusTest.class.getResourceAsStream("secret-corpus.tsv")) {
      List<Kind> kinds = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), UTF_8).lines().toList()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] columns = line.split("\t", 2);
        String marked = columns[1].replace("\\n", "\n");
        List<String> sensitive = new ArrayList<>();
        Matcher matcher = SENSITIVE.matcher(marked);
        while (matcher.find()) {
          sensitive.add(matcher.group(1));
        }
        assertThat(sensitive).as("sensitive parts of %s", columns[0]).isNotEmpty();
        kinds.add(new Kind(columns[0], marked.replace("{{", "").replace("}}", ""), sensitive));
      }
      return kinds;
    }
  }

  private static String postgresUrl() {
    String url = System.getenv("TELEMETRY_TEST_POSTGRES_URL");
    return url == null || url.isBlank() ? null : url;
  }

}
