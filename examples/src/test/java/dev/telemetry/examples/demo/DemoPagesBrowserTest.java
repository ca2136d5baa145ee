package dev.telemetry.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.http.HeadlessChromium;
import dev.telemetry.pages.PageRegistry.PageInfo;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens every recipe page of the running demo (a day of history in memory) in headless Chromium
 * (system chromium + /usr/bin/chromedriver) through the navigation and by deep link, and saves
 * {@code target/screenshots/page-<name>.png} at 1440 px plus {@code page-<name>-800.png} at 800 px.
 * Run with {@code -Pbrowser}.
 */
@Tag("browser")
class DemoPagesBrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");
  static final String TOKEN = "demo-browser-test-token-0123456789";
  static Demo demo;
  static ChromeDriver driver;

  @BeforeAll
  static void start() throws Exception {
    demo = Demo.start(new DemoArguments(0, "memory", TOKEN, 1, true, false), new PrintStream(OutputStream.nullOutputStream()));
    assertThat(demo.awaitBackfill(Duration.ofMinutes(3))).isTrue();
    driver = HeadlessChromium.start(1440, 1000);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void everyPageIsInTheNavigationRendersEverySectionAndOpensFromItsDeepLink() throws Exception {
    List<PageInfo> pages = demo.telemetry().pages().pages();
    assertThat(pages).hasSize(12);
    signIn();
    waiting().until(d -> d.findElements(By.cssSelector("#page-nav a")).size() == pages.size());
    assertThat(driver.findElements(By.cssSelector("#page-nav a"))).extracting(a -> a.getAttribute("data-page"))
        .containsExactlyElementsOf(pages.stream().map(PageInfo::id).toList());

    for (PageInfo page : pages) {
      click(By.cssSelector("#page-nav a[data-page='" + page.id() + "']"));
      awaitPage(page);
      assertThat(driver.getCurrentUrl()).endsWith("#page/" + page.id());
      assertThat(driver.findElement(By.cssSelector("#page-nav a[data-page='" + page.id() + "']"))
          .getAttribute("aria-current")).isEqualTo("page");
      assertThat(driver.findElements(By.cssSelector("#host-page .section-error"))).as(page.id()).isEmpty();
      shot("page-" + page.id() + ".png", 1440);
    }

    // A reload on the hash opens the page again.
    driver.navigate().refresh();
    awaitPage(pages.get(pages.size() - 1));
    assertThat(driver.findElement(By.id("tab-signals")).isDisplayed()).isFalse();

    // A built-in tab closes the page and drops the hash.
    click(By.cssSelector("[data-tab=logs]"));
    waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("host-page")));
    assertThat(driver.getCurrentUrl()).doesNotContain("#page/");
  }

  @Test
  void tablesAreRealTablesWithSortableHeadersAndTheJobsPageDrillsDown() throws Exception {
    signIn();
    PageInfo jobs = demo.telemetry().pages().pages().stream().filter(p -> p.id().equals("jobs")).findFirst()
        .orElseThrow();
    driver.get(demo.dashboardUrl() + "#page/jobs");
    awaitPage(jobs);
    WebElement table = driver.findElement(By.cssSelector("[data-section=jobs] table"));
    assertThat(table.findElement(By.tagName("caption")).getAttribute("textContent")).isEqualTo("Jobs");
    assertThat(table.findElements(By.cssSelector("thead th[scope=col]"))).hasSize(9);
    assertThat(table.findElements(By.cssSelector("tbody th[scope=row]"))).isNotEmpty();
    WebElement runsHeader = table.findElement(By.xpath(".//thead/tr/th[6]"));
    assertThat(runsHeader.getAttribute("aria-sort")).isEqualTo("none");
    runsHeader.findElement(By.tagName("button")).sendKeys(org.openqa.selenium.Keys.ENTER);
    assertThat(runsHeader.getAttribute("aria-sort")).isEqualTo("ascending");
    runsHeader.findElement(By.tagName("button")).click();
    assertThat(runsHeader.getAttribute("aria-sort")).isEqualTo("descending");

    String job = table.findElement(By.cssSelector("tbody tr th")).getText();
    click(By.cssSelector("[data-section=jobs] tbody tr a"));
    waiting().until(d -> d.getCurrentUrl().endsWith("#page/jobs/" + job));
    waiting().until(d -> d.findElements(By.cssSelector("#host-page [data-section=runs]")).size() == 1);
    assertThat(driver.findElement(By.cssSelector("#host-page h2")).getText()).isEqualTo("Background jobs › " + job);
    assertThat(driver.findElement(By.cssSelector("[data-section=success_rate]")).getAttribute("data-state"))
        .isIn("ok", "collecting");
    shot("page-jobs-detail.png", 1440);

    driver.get(demo.dashboardUrl() + "#page/link-processing");
    awaitPage(demo.telemetry().pages().pages().stream().filter(p -> p.id().equals("link-processing")).findFirst()
        .orElseThrow());
    shot("page-link-processing-800.png", 800);
    // shot() waited until the page fitted 800 px without horizontal scrolling.
  }

  // ---- helpers -------------------------------------------------------------------------------

  WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  void signIn() {
    driver.manage().window().setSize(new Dimension(1440, 1000));
    driver.get(demo.dashboardUrl());
    driver.executeScript("sessionStorage.setItem('telemetry.token', arguments[0])", TOKEN);
    driver.navigate().refresh();
    waiting().until(d -> d.findElements(By.cssSelector(".card .num")).size() == 4);
  }

  /** Waits until every section of {@code page} is rendered in the page area, charts drawn. */
  void awaitPage(PageInfo page) {
    waiting().until(d -> page.sections().equals(driver.executeScript("""
        var host = document.getElementById('host-page');
        if (host.classList.contains('hidden') || host.hasAttribute('aria-busy')) { return null; }
        var pending = Array.prototype.some.call(host.querySelectorAll('.page-chart'),
          function (c) { return !c.hasAttribute('data-rendered') && !c.querySelector('.empty'); });
        if (pending) { return null; }
        return Array.prototype.map.call(host.querySelectorAll('.page-section'),
          function (s) { return s.getAttribute('data-section'); });""")));
  }

  /** Clicks after centring the element, so the sticky header never covers it. */
  void click(By by) {
    WebElement e = driver.findElement(by);
    driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
    e.click();
  }

  /** A screenshot of the whole page at a viewport {@code width} px wide. */
  void shot(String name, int width) throws Exception {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", 1000, "deviceScaleFactor", 1, "mobile", false));
    // Charts redraw at the new width on the resize event; wait for the page to fit before measuring.
    waiting().until(d -> ((Number) driver.executeScript("return document.documentElement.scrollWidth")).intValue()
        <= width);
    Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", Math.min(8000, height.intValue()), "deviceScaleFactor", 1, "mobile", false));
    driver.executeScript("window.scrollTo(0, 0)");
    File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(f.toPath(), SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }
}
