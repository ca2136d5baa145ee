package dev.telemetry.http;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser of the browser tests: the system chromium and /usr/bin/chromedriver, headless, with a
 * fresh profile and nothing talking to the network on its own; screenshots go to
 * target/screenshots. Shared with the examples' browser test through this module's test-jar.
 */
public final class HeadlessChromium {
  static final Path SHOTS = Path.of("target", "screenshots");

  private HeadlessChromium() {}

  /** A new browser whose window is 1440 × 1300 px. */
  static ChromeDriver start() throws IOException {
    return start(1440, 1300);
  }

  /** A new browser whose window is {@code width} × {@code height} px. */
  public static ChromeDriver start(int width, int height) throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(new File("/usr/bin/chromium"));
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
        "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    Files.createDirectories(SHOTS);
    return new ChromeDriver(service, options);
  }

  static void shot(ChromeDriver driver, String name) throws IOException {
    File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(f.toPath(), SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  static WebDriverWait waiting(ChromeDriver driver) {
    return new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  /** Opens the page, signs in with the fixture token and waits for the four cards. */
  static void signIn(ChromeDriver driver, String url) {
    driver.get(url);
    driver.executeScript("sessionStorage.clear()"); // each test signs in afresh, whatever ran before
    driver.navigate().refresh();
    waiting(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    driver.findElement(By.id("token")).sendKeys(DashboardFixture.TOKEN);
    click(driver, By.cssSelector("#login-form button"));
    waiting(driver).until(d -> d.findElements(By.cssSelector(".card .num")).size() == 4);
  }

  /** Clicks after centring the element, so the sticky header never covers it. */
  static void click(ChromeDriver driver, By by) {
    WebElement e = driver.findElement(by);
    driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
    e.click();
  }

  /** Quits the driver, then closes the rest in order; each may be {@code null}. */
  static void closeAll(ChromeDriver driver, AutoCloseable... rest) throws Exception {
    if (driver != null) {
      driver.quit();
    }
    for (AutoCloseable c : rest) {
      if (c != null) {
        c.close();
      }
    }
  }
}
