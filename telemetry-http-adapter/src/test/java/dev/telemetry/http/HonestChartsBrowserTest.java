package dev.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.BusinessEvent;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Outcome;
import dev.telemetry.testkit.StoreRows;
import dev.telemetry.testkit.TestClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page draws what the API means: over the last hour, minutes with requests and no errors are a
 * 0 % error rate (not gaps), a quiet stretch after start is zero traffic, minutes before start are
 * gaps, the start-up minute and the minute in progress are drawn apart (dotted) and named; a capped ranking
 * and a two-day per-day chart say what they are. Screenshots land in {@code target/screenshots/}.
 * Run with {@code -Pbrowser}.
 */
@Tag("browser")
class HonestChartsBrowserTest {
  /** Server time: 25 s into the minute {@code MINUTE}, which is still in progress. */
  static final Instant MINUTE = Instant.now().truncatedTo(ChronoUnit.MINUTES);
  static final Instant STARTED = MINUTE.minus(Duration.ofMinutes(40)).plusSeconds(30);
  static final Map<String, String> CHECKOUT = Map.of("route", "/api/checkout", "method", "POST", "status", "2xx");
  static final int QUIET_FROM = 15;
  static final int QUIET_TO = 13;
  static Telemetry telemetry;
  static TelemetryDashboard dashboard;
  static JdkDashboardServer server;
  static ChromeDriver driver;
  static int minutesWithErrors;

  @BeforeAll
  static void start() throws Exception {
    InMemoryStore store = InMemoryStore.create();
    List<MetricSample> samples = new ArrayList<>();
    // the start-up minute (half a minute of traffic), then whole minutes up to the minute in progress
    for (int ago = 40; ago >= 0; ago--) {
      if (ago <= QUIET_FROM && ago >= QUIET_TO) {
        continue; // running but no requests at all: zero traffic, no error rate
      }
      Instant minute = MINUTE.minus(Duration.ofMinutes(ago));
      long requests = ago == 40 ? 150 : ago == 0 ? 120 : 300;
      samples.add(StoreRows.counter(StandardMetrics.HTTP_SERVER_REQUESTS, minute, "node-a", CHECKOUT, requests,
          requests));
      samples.add(StoreRows.histogram(StandardMetrics.HTTP_SERVER_DURATION, minute, "node-a", CHECKOUT,
          0.040 + ago * 0.001, 0.080, 0.120 + (ago % 5) * 0.02, 0.300));
      samples.add(StoreRows.gauge(StandardMetrics.PROCESS_MEMORY_UTILIZATION, minute, "node-a", Map.of(),
          0.50 + (ago % 7) * 0.01));
      if (ago % 4 == 0 && ago > 0 && ago < 40) {
        samples.add(StoreRows.counter(StandardMetrics.HTTP_SERVER_ERRORS, minute, "node-a",
            Map.of("route", "/api/checkout", "method", "POST", "error_type", "db"), 3, 3 + ago % 3));
        minutesWithErrors++;
      }
    }
    store.write(StoreRows.samples(samples.toArray(MetricSample[]::new)));
    // more ERROR logs in the hour than the top-errors scan reads
    List<LogEvent> logs = new ArrayList<>();
    for (int i = 0; i < 10_050; i++) {
      logs.add(StoreRows.log(MINUTE.minusMillis(300L * i + 100), LogLevel.ERROR, "payments", "request_failed",
          "request " + i + " failed", null));
    }
    for (int from = 0; from < logs.size(); from += 5000) {
      store.write(StoreRows.logs(logs.subList(from, Math.min(from + 5000, logs.size()))));
    }
    List<BusinessEvent> events = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      events.add(StoreRows.event(MINUTE.minus(Duration.ofMinutes(30L * i + 7)), "deployment_created", "s" + i % 9,
          Map.of("network", i % 3 == 0 ? "mainnet" : "testnet"), Outcome.SUCCESS));
    }
    store.write(StoreRows.batch(List.of(), List.of(), List.of(), events, List.of()));

    TestClock clock = TestClock.at(STARTED);
    telemetry = Telemetry.builder().service("shop").environment("staging").node("node-a").store(store)
        .clock(clock).contract(DemoData.contract()).backgroundThreads(false).closeOnShutdown(false).build();
    clock.set(MINUTE.plusSeconds(25));
    dashboard = TelemetryDashboard.builder(telemetry)
        .authorizer(Authorizer.bearerToken("ops", DashboardFixture.TOKEN))
        .audit(e -> { })
        .manualLiveFeed()
        .build();
    server = JdkDashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", 0));
    driver = HeadlessChromium.start();
    HeadlessChromium.signIn(driver, server.url());
  }

  @AfterAll
  static void stop() throws Exception {
    HeadlessChromium.closeAll(driver, server, dashboard, telemetry);
  }

  static WebDriverWait waiting() {
    return HeadlessChromium.waiting(driver);
  }

  static void click(By by) {
    HeadlessChromium.click(driver, by);
  }

  static String attr(String chart, String name) {
    return driver.findElement(By.id(chart)).getAttribute(name);
  }

  @Test
  void oneHourChartsDrawZeroAsZeroGapsAsGapsAndPartialMinutesApart() throws Exception {
    click(By.cssSelector("#ranges [data-range='1h']"));
    waiting().until(d -> List.of("chart-latency", "chart-traffic", "chart-errors", "chart-saturation").stream()
        .allMatch(id -> "60".equals(attr(id, "data-step"))));

    // 39 whole minutes after the start-up minute, 3 of them quiet: 36 with requests
    int withRequests = 39 - (QUIET_FROM - QUIET_TO + 1);
    assertThat(attr("chart-errors", "data-style")).isEqualTo("line");
    assertThat(attr("chart-errors", "data-drawn")).isEqualTo(String.valueOf(withRequests));
    assertThat(attr("chart-errors", "data-zeros")).as("minutes with requests and no errors are 0 %")
        .isEqualTo(String.valueOf(withRequests - minutesWithErrors));
    assertThat(attr("chart-traffic", "data-drawn")).isEqualTo("39");
    assertThat(attr("chart-traffic", "data-zeros")).as("the quiet minutes are zero traffic, not gaps").isEqualTo("3");
    assertThat(attr("chart-latency", "data-drawn")).isEqualTo(String.valueOf(withRequests));
    assertThat(attr("chart-saturation", "data-drawn")).as("the highest of every saturation gauge, as on the card")
        .isEqualTo(String.valueOf(withRequests));
    String trafficNote = driver.findElement(By.cssSelector("#chart-traffic .note")).getText();
    assertThat(trafficNote).contains("partial: 2 step(s) cover only part of their time")
        .contains("step(s) without data are gaps");
    assertThat(attr("chart-traffic", "data-partial-drawn")).as("the start-up minute and the minute in progress,"
        + " per covered time, dotted").isEqualTo("2");
    assertThat(driver.findElement(By.cssSelector(".card[data-signal=traffic] .window")).getText())
        .isEqualTo("last 5 min");
    HeadlessChromium.shot(driver, "charts-1h-zero-error-minutes.png");
    driver.executeScript("arguments[0].scrollIntoView({block: 'start'})", driver.findElement(By.id("tab-signals")));
    HeadlessChromium.shot(driver, "charts-1h-zero-error-minutes-charts.png");

    // a ranking cut off by the log scan says so, row by row and under the table
    waiting().until(d -> d.findElements(By.cssSelector("[data-note=top-errors]")).size() == 1);
    assertThat(driver.findElement(By.cssSelector("[data-note=top-errors]")).getText()).contains("lower bounds")
        .contains("10,000");
    assertThat(driver.findElement(By.cssSelector("#top-errors tbody tr td:nth-child(3)")).getText()).startsWith("≥ ");
  }

  @Test
  void aPerDayChartOverADayIsBarsWithItsPartialDaysNamed() throws Exception {
    click(By.cssSelector("#ranges [data-range='24h']"));
    click(By.cssSelector("[data-tab=events]"));
    WebElement type = driver.findElement(By.cssSelector("#event-filters [name=type]"));
    type.clear();
    type.sendKeys("deployment_created");
    click(By.cssSelector("#event-filters button[type=submit]"));
    waiting().until(d -> "true".equals(attr("chart-events", "data-rendered")));

    assertThat(attr("chart-events", "data-style")).isEqualTo("bars");
    assertThat(driver.findElement(By.cssSelector("#chart-events .note")).getText()).contains("partial day");
    HeadlessChromium.shot(driver, "events-per-day-24h-bars.png");
    click(By.cssSelector("[data-tab=signals]"));
  }

  @Test
  void anErrorAlreadyInTheFeedIsNotShownTwiceWhenItArrivesLive() throws Exception {
    assertThat(dashboard.feed().awaitSubscriberCount(1, Duration.ofSeconds(20))).isTrue();
    LogEvent newest = telemetry.summary().current().errorFeed().get(0);
    waiting().until(d -> d.findElement(By.id("error-feed")).getText().contains(newest.message()));
    LogEvent fresh = new LogEvent(MINUTE.plusSeconds(20), LogLevel.ERROR, "svc", "node-a", "payments",
        "charge_failed", "a brand-new failure", null, null, Map.of());

    dashboard.feed().publish("error_event", newest);
    dashboard.feed().publish("error_event", fresh);
    waiting().until(d -> d.findElement(By.id("error-feed")).getText().contains("a brand-new failure"));

    List<WebElement> items = driver.findElements(By.cssSelector("#error-feed li"));
    assertThat(items).filteredOn(li -> li.getText().contains(newest.message() + "")).hasSize(1);
    assertThat(items).hasSize(25);
  }
}
