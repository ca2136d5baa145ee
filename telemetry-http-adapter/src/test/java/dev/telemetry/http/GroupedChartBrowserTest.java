package dev.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page's "Requests by route" chart: the top five routes and "other", with a visible note naming
 * how many series "other" holds (those the page folds plus those the API's 20-series cap folded).
 * Screenshots at 800 and 1440 px wide land in {@code target/screenshots/}. Run with {@code -Pbrowser}.
 */
@Tag("browser")
class GroupedChartBrowserTest {
  static final Instant MINUTE = Instant.now().truncatedTo(ChronoUnit.MINUTES);
  /** Routes with traffic: 25, so the API keeps 19 and folds 6 into "other". */
  static final int ROUTES = 25;
  static Telemetry telemetry;
  static TelemetryDashboard dashboard;
  static JdkDashboardServer server;

  @BeforeAll
  static void start() throws Exception {
    InMemoryStore store = InMemoryStore.create();
    List<MetricSample> samples = new ArrayList<>();
    for (int ago = 50; ago >= 1; ago--) {
      for (int r = 0; r < ROUTES; r++) {
        long requests = 1200L / (r + 1) + ago % 7; // route 0 busiest, a long tail
        samples.add(StoreRows.counter(StandardMetrics.HTTP_SERVER_REQUESTS, MINUTE.minus(Duration.ofMinutes(ago)),
            "node-a", Map.of("route", "/api/r" + r, "method", "GET", "status", "2xx"), requests, requests));
      }
    }
    store.write(StoreRows.samples(samples.toArray(MetricSample[]::new)));
    TestClock clock = TestClock.at(MINUTE.minus(Duration.ofMinutes(55)));
    telemetry = Telemetry.builder().service("shop").environment("staging").node("node-a").store(store)
        .clock(clock).contract(DemoData.contract()).backgroundThreads(false).closeOnShutdown(false).build();
    clock.set(MINUTE.plusSeconds(25));
    dashboard = TelemetryDashboard.builder(telemetry)
        .authorizer(Authorizer.bearerToken("ops", DashboardFixture.TOKEN))
        .audit(e -> { })
        .manualLiveFeed()
        .build();
    server = JdkDashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", 0));
  }

  @AfterAll
  static void stop() throws Exception {
    HeadlessChromium.closeAll(null, server, dashboard, telemetry);
  }

  @ParameterizedTest(name = "{0} px wide")
  @ValueSource(ints = {800, 1440})
  void requestsByRouteShowTheTopRoutesAndSayHowManyAreFoldedIntoOther(int width) throws Exception {
    ChromeDriver driver = HeadlessChromium.start(width, 1300);
    try {
      HeadlessChromium.signIn(driver, server.url());
      HeadlessChromium.click(driver, By.cssSelector("#ranges [data-range='1h']"));
      HeadlessChromium.waiting(driver).until(d -> "true".equals(
          d.findElement(By.id("chart-grouped")).getAttribute("data-rendered"))
          && "60".equals(d.findElement(By.id("chart-grouped")).getAttribute("data-step")));

      var chart = driver.findElement(By.id("chart-grouped"));
      assertThat(chart.getAttribute("data-series")).as("five routes and other").isEqualTo("6");
      assertThat(chart.getAttribute("data-folded")).as("14 folded by the page, 6 by the API").isEqualTo("20");
      assertThat(chart.findElement(By.cssSelector(".note")).getText())
          .contains("20 more series folded into “other”");
      assertThat(chart.findElement(By.cssSelector(".note")).isDisplayed()).isTrue();
      List<String> legend = chart.findElements(By.cssSelector(".u-legend .u-series .u-label")).stream()
          .map(e -> e.getText()).filter(t -> !t.isEmpty()).toList();
      assertThat(legend).contains("/api/r0", "/api/r4", "other").doesNotContain("/api/r5");
      assertThat(chart.getSize().getWidth()).as("the chart spans the page's width")
          .isGreaterThan(width / 2);
      driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", chart);
      HeadlessChromium.shot(driver, "requests-by-route-" + width + ".png");
    } finally {
      driver.quit();
    }
  }
}
