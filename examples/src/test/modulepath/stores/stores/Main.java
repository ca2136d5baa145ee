package stores;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.http.Authorizer;
import dev.telemetry.http.JdkDashboardServer;
import dev.telemetry.http.TelemetryDashboard;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.otel.AutoConfiguredTelemetry;
import dev.telemetry.otel.TelemetrySpanExporter;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.TraceQuery;
import dev.telemetry.store.TraceRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Records into a SQLite store through two OpenTelemetry tracer providers (one exporting through
 * the bridge's exporter, one autoconfigured with {@code otel.traces.exporter=telemetry}), reads the
 * spans and the HTTP metrics back from the store and through the dashboard API, and prints them.
 */
public final class Main {
  private static final String TOKEN = "modular-token-0123456789";

  public static void main(String[] args) throws Exception {
    Path database = Path.of(args[0]);
    MetricContract contract = StandardMetrics.addHttpServer(MetricContract.builder()).build();
    JdbcStore store = JdbcStore.sqlite(database);
    try (Telemetry telemetry = Telemetry.builder().service("modular").contract(contract).store(store)
        .backgroundThreads(false).closeOnShutdown(false).build()) {
      try (SdkTracerProvider tracing = SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(TelemetrySpanExporter.create(telemetry))).build()) {
        serverSpan(tracing.get("manual"), "/orders/{id}");
      }
      AutoConfiguredTelemetry.use(telemetry);
      OpenTelemetrySdk otel = AutoConfiguredOpenTelemetrySdk.builder().disableShutdownHook()
          .addPropertiesSupplier(() -> Map.of("otel.traces.exporter", "telemetry", "otel.metrics.exporter", "none",
              "otel.logs.exporter", "none", "otel.service.name", "modular"))
          .build().getOpenTelemetrySdk();
      try {
        serverSpan(otel.getTracer("autoconfigured"), "/carts/{id}");
        otel.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
      } finally {
        otel.close();
        AutoConfiguredTelemetry.reset();
      }
      telemetry.flush();
      if (!telemetry.awaitWritten(Duration.ofSeconds(30))) {
        throw new IllegalStateException("the store did not take the batch");
      }

      Instant from = Instant.now().minus(Duration.ofHours(1));
      Instant to = Instant.now().plus(Duration.ofHours(1));
      TreeSet<String> routes = new TreeSet<>();
      for (TraceRecord trace : store.readTraces(TraceQuery.range(from, to, 100)).items()) {
        routes.add(trace.route());
      }
      int samples = store.readSamples(SampleQuery.of(StandardMetrics.HTTP_SERVER_REQUESTS, Resolution.MINUTE,
          from, to)).size();
      System.out.println("dialect=" + store.dialect() + " traces=" + routes + " "
          + StandardMetrics.HTTP_SERVER_REQUESTS + "=" + samples);

      try (TelemetryDashboard dashboard = TelemetryDashboard.builder(telemetry)
              .authorizer(Authorizer.bearerToken("ops", TOKEN)).build();
          JdkDashboardServer server = JdkDashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", 0))) {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : new String[] {"api/v1/summary", "api/v1/traces"}) {
          HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.url() + path))
              .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
          String type = response.headers().firstValue("Content-Type").orElse("");
          String body = response.body();
          System.out.println(path + " " + response.statusCode() + " " + type.substring(0, type.indexOf(';') < 0
              ? type.length() : type.indexOf(';')) + (body.contains("/carts/{id}") ? " carts" : "")
              + (body.contains("/orders/{id}") ? " orders" : ""));
          if (response.statusCode() != 200) {
            System.out.println(body);
          }
        }
      }
    }
  }

  private static void serverSpan(Tracer tracer, String route) {
    tracer.spanBuilder("GET " + route).setSpanKind(SpanKind.SERVER)
        .setAttribute(AttributeKey.stringKey("http.route"), route)
        .setAttribute(AttributeKey.stringKey("http.request.method"), "GET")
        .setAttribute(AttributeKey.longKey("http.response.status_code"), 200L)
        .startSpan().end();
  }
}
