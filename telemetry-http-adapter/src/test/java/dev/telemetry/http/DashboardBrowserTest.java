package dev.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.Telemetry;
import dev.telemetry.health.HealthMatrix;
import dev.telemetry.health.ProbeResult;
import dev.telemetry.pages.PageProvider;
import dev.telemetry.pages.PageSection;
import dev.telemetry.pages.SectionView;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.testkit.TestClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens the dashboard in headless Chromium (system chromium + /usr/bin/chromedriver) on a populated
 * store behind the bearer-token authorizer. Run with {@code -Pbrowser}. Screenshots land in
 * {@code target/screenshots/}.
 */
@Tag("browser")
class DashboardBrowserTest {
  static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
  static Telemetry telemetry;
  static HealthMatrix health;
  static TelemetryDashboard dashboard;
  static JdkDashboardServer server;
  static ChromeDriver driver;

  @BeforeAll
  static void start() throws Exception {
    InMemoryStore store = InMemoryStore.create();
    DemoData.populate(store, NOW, 24 * 60, 400, 300);
    TestClock clock = TestClock.at(NOW.minus(Duration.ofHours(3)));
    telemetry = Telemetry.builder().service("shop").environment("staging").node("node-a").store(store)
        .clock(clock).contract(DemoData.contract()).backgroundThreads(false).closeOnShutdown(false)
        .build();
    clock.set(NOW);
    health = HealthMatrix.builder().clock(telemetry.clock())
        .service("HTTP API", () -> ProbeResult.healthy("p95 within threshold"))
        .service("PostgreSQL", () -> ProbeResult.healthy("SELECT 1 in 2 ms"))
        .service("Redis", () -> ProbeResult.degraded("PING 180 ms"))
        .service("S3", () -> ProbeResult.unavailable("not configured"))
        .build();
    health.checkNow().get();
    dashboard = TelemetryDashboard.builder(telemetry)
        .authorizer(Authorizer.bearerToken("ops", DashboardFixture.TOKEN))
        .healthMatrix(health)
        .links(ExternalLinks.none().withTraceLinkTemplate("https://tempo.example.com/trace/{trace_id}"))
        .audit(e -> { })
        .manualLiveFeed()
        .pages(opsPage())
        .build();
    server = JdkDashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", 0));
    driver = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() throws Exception {
    HeadlessChromium.closeAll(driver, server, dashboard, health, telemetry);
  }

  WebDriverWait waiting() {
    return HeadlessChromium.waiting(driver);
  }

  void signIn() {
    HeadlessChromium.signIn(driver, server.url());
  }

  @Test
  void showsVitalSignsChartsAndPaginatesLogs() throws Exception {
    signIn();
    List<WebElement> numbers = driver.findElements(By.cssSelector(".card .num"));
    assertThat(numbers).extracting(WebElement::getText).allSatisfy(t -> assertThat(t).matches("[0-9][0-9.,]*"));
    waiting().until(d -> d.findElements(By.cssSelector("#chart-latency canvas")).size() > 0);
    waiting().until(d -> d.findElements(By.cssSelector("#top-routes tbody tr")).size() == 4);
    assertThat(driver.findElements(By.cssSelector("#health li"))).hasSize(4);
    assertThat(driver.findElement(By.id("updated")).getText()).matches("updated \\d+s ago");
    shot("dashboard-overview.png");

    click(By.cssSelector("[data-tab=logs]"));
    waiting().until(d -> d.findElements(By.cssSelector("#logs tbody tr")).size() == 50);
    String firstOnPage1 = driver.findElement(By.cssSelector("#logs tbody tr td:nth-child(6)")).getText();
    assertThat(driver.findElement(By.id("logs-page")).getText()).startsWith("page 1");
    shot("dashboard-logs.png");
    click(By.id("logs-next"));
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("logs-page"), "page 2"));
    String firstOnPage2 = driver.findElement(By.cssSelector("#logs tbody tr td:nth-child(6)")).getText();
    assertThat(firstOnPage2).isNotEqualTo(firstOnPage1);
    click(By.id("logs-prev"));
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("logs-page"), "page 1"));

    click(By.cssSelector("[data-tab=traces]"));
    click(By.cssSelector("#trace-presets [data-status=error]"));
    waiting().until(d -> d.findElements(By.cssSelector("#traces tbody tr.error")).size() > 0);
    shot("dashboard-traces.png");
  }

  /** A host page with one section of each kind, one that fails and one still collecting data. */
  static dev.telemetry.pages.PageRegistry opsPage() {
    return dev.telemetry.pages.PageRegistry.builder().clock(telemetry.clock()).register(PageProvider.builder("ops")
        .title("Operations").ttl(Duration.ofMinutes(5))
        .section(PageSection.of("totals", "Totals", () -> SectionView.stats(SectionView.Stat.of("Orders", 1234, ""),
            SectionView.Stat.of("p95", 180.5, "ms").withStatus("green").withHint("last 5 min"))))
        .section(PageSection.of("warehouse", "Warehouse", () -> {
          throw new IllegalStateException("warehouse API unreachable");
        }))
        .section(PageSection.of("refund_rate", "Refund rate", () -> SectionView.text("2 %"))
            .collectingUntil(10, "orders", () -> 3))
        .section(PageSection.of("split", "Split", () -> new SectionView.Breakdown("", List.of(
            new SectionView.Bar("mainnet", 80, 80.0), new SectionView.Bar("testnet", 20, 20.0)))))
        .section(PageSection.of("services", "Services", () -> new SectionView.StatusList(List.of(
            new SectionView.StatusItem("db", "healthy", "SELECT 1 in 2 ms", NOW),
            new SectionView.StatusItem("cache", "degraded", "PING 180 ms", NOW)))))
        .section(PageSection.of("products", "Products", () -> SectionView.Table.builder().text("sku", "SKU")
            .number("sold", "Sold", "").row("sku-b", 17).row("sku-a", 42).row("sku-c", 5).build()))
        .section(PageSection.of("orders", "Orders per minute", () -> new SectionView.TimeSeries("", List.of(
            new SectionView.Series("orders", java.util.stream.IntStream.range(0, 60).mapToObj(i ->
                new SectionView.Point(NOW.minus(Duration.ofMinutes(60 - i)), (double) (20 + i % 7))).toList())))))
        .section(PageSection.of("note", "Note", () -> SectionView.text("<script>not markup</script>")))
        .build()).build();
  }

  @Test
  void rendersAHostPageWithItsFailingSectionAloneAndItsGatedSectionCollecting() throws Exception {
    signIn();
    waiting().until(d -> d.findElements(By.cssSelector("#page-nav a[data-page=ops]")).size() == 1);
    click(By.cssSelector("#page-nav a[data-page=ops]"));
    waiting().until(d -> d.findElements(By.cssSelector("#host-page [data-section=orders] canvas")).size() > 0);
    assertThat(driver.findElement(By.cssSelector("[data-section=warehouse] .section-error")).getText())
        .isEqualTo("Could not compute this section: IllegalStateException: warehouse API unreachable");
    assertThat(driver.findElement(By.cssSelector("[data-section=refund_rate] .collecting")).getText())
        .startsWith("Collecting data: 3 of 10 orders so far.");
    assertThat(driver.findElements(By.cssSelector("[data-section=totals] .stat"))).hasSize(2);
    assertThat(driver.findElements(By.cssSelector("[data-section=split] .bars li"))).hasSize(2);
    assertThat(driver.findElements(By.cssSelector("[data-section=services] li .dot.degraded"))).hasSize(1);
    assertThat(driver.findElement(By.cssSelector("[data-section=note] .page-text")).getText())
        .isEqualTo("<script>not markup</script>");
    // The page is cached for its TTL: an earlier test in this class may have computed it a minute ago.
    assertThat(driver.findElement(By.cssSelector("[data-section=totals] .freshness")).getText())
        .matches("computed \\d+[sm] ago · TTL 5 min");
    By firstSku = By.cssSelector("[data-section=products] tbody tr th");
    assertThat(driver.findElement(firstSku).getText()).isEqualTo("sku-b");
    click(By.cssSelector("[data-section=products] thead th:nth-child(2) button"));
    assertThat(driver.findElement(firstSku).getText()).isEqualTo("sku-c");
    assertThat(driver.findElement(By.cssSelector("[data-section=products] thead th:nth-child(2)"))
        .getAttribute("aria-sort")).isEqualTo("ascending");
    shot("page-ops.png");

    // Auto-refresh off and on again fetches and redraws the page; the table keeps its order.
    driver.executeScript("document.querySelector('[data-section=products]').setAttribute('data-drawn', 'before')");
    // (the old section carries the mark; the redrawn one does not)
    click(By.id("auto-refresh"));
    click(By.id("auto-refresh"));
    // The redraw replaces the section between finding it and reading it: a stale element means "look again".
    waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> !"before".equals(
        d.findElement(By.cssSelector("[data-section=products]")).getAttribute("data-drawn")));
    assertThat(driver.findElement(firstSku).getText()).isEqualTo("sku-c");
    assertThat(driver.findElement(By.cssSelector("[data-section=products] thead th:nth-child(2)"))
        .getAttribute("aria-sort")).isEqualTo("ascending");

    driver.navigate().refresh();
    waiting().until(d -> d.findElements(By.cssSelector("#host-page [data-section=orders] canvas")).size() > 0);
    assertThat(driver.getCurrentUrl()).endsWith("#page/ops");
    click(By.cssSelector("[data-tab=signals]"));
    waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("host-page")));
  }

  @Test
  void showsTheStoreTablesAndTheLastRetentionRunInTheStoreTab() throws Exception {
    telemetry.retention().runOnce();
    dev.telemetry.store.StoreStats stats = telemetry.store().stats();
    long events = stats.tables().stream().filter(t -> t.name().equals("events")).findFirst().orElseThrow().rows();
    signIn();

    click(By.cssSelector("[data-tab=store]"));
    waiting().until(d -> d.findElements(By.cssSelector("#store-tables tbody tr")).size() == stats.tables().size());

    assertThat(driver.findElement(By.id("store-kind")).getText()).isEqualTo("in-memory");
    WebElement eventsRow = driver.findElements(By.cssSelector("#store-tables tbody tr")).stream()
        .filter(r -> r.findElement(By.cssSelector("td")).getText().equals("events")).findFirst().orElseThrow();
    assertThat(eventsRow.findElement(By.cssSelector("td:nth-child(2)")).getText().replaceAll("[^0-9]", ""))
        .isEqualTo(Long.toString(events));
    assertThat(driver.findElement(By.id("store-stats")).getText())
        .contains("last retention run").doesNotContain("not yet");
    String shownTotal = driver.findElements(By.cssSelector("#store-stats > div")).stream()
        .filter(d -> d.getText().endsWith("rows")).findFirst().orElseThrow().findElement(By.tagName("b")).getText();
    assertThat(shownTotal.replaceAll("[^0-9]", "")).isEqualTo(Long.toString(stats.totalRows()));
    shot("dashboard-store.png");
  }

  @Test
  void refusesAWrongTokenAndAsksAgain() {
    driver.get(server.url());
    driver.executeScript("sessionStorage.clear()");
    driver.navigate().refresh();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    driver.findElement(By.id("token")).sendKeys("not-the-right-token-at-all");
    click(By.cssSelector("#login-form button"));
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "refused"));
  }

  void click(By by) {
    HeadlessChromium.click(driver, by);
  }

  void shot(String name) throws Exception {
    HeadlessChromium.shot(driver, name);
  }
}
