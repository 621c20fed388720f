package thesiswatch.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import thesiswatch.common.TaggedArticle;
import thesiswatch.testkit.TestArticles;

/**
 * The page in a real browser (Debian's headless Chromium through Selenium) over the fixture
 * articles: charts drawn, scorecard shown, search works, an alert listed, and a headline carrying
 * an {@code <img onerror>} payload is shown as text and runs nothing. Saves screenshots as {@code
 * target/dashboard-page-zh.png} and {@code target/dashboard-page.png} (English). Skipped, with the
 * reason, where Chromium is not installed.
 */
class DashboardPageBrowserIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir static Path dir;
  private static ApiHarness harness;
  private static WebDriver driver;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "browser test skipped: /usr/bin/chromium or /usr/bin/chromedriver is not installed "
            + "(apt-get install chromium chromium-driver fonts-wqy-zenhei)");
    List<TaggedArticle> articles = new ArrayList<>(TestArticles.tagged("tagged-small.jsonl"));
    articles.addAll(TestArticles.tagged("tagged-spike.jsonl"));
    harness = new ApiHarness(dir, articles);
    harness.checkAlerts();

    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,3200",
        "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"));
    // The console log shows Content-Security-Policy violations, if the page caused any.
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (harness != null) {
      harness.close();
    }
  }

  private static WebDriverWait await() {
    return new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  private static void assertNoDialog() {
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
  }

  @Test
  void thePageShowsChartsScorecardSearchAndAlertsAndRunsNoInjectedScript() throws Exception {
    driver.get("http://127.0.0.1:" + harness.port() + "/?lang=zh");
    await().until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));

    // Charts: one uPlot canvas per theme.
    assertThat(driver.findElements(By.cssSelector("#charts .chart canvas"))).hasSize(5);
    assertThat(driver.findElement(By.cssSelector("#chart-layoffs h3")).getText())
        .isEqualTo("裁员 · 篇数");
    // Counts per theme and the scorecard.
    assertThat(
            driver.findElement(By.cssSelector("#theme-counts li[data-theme=layoffs] .n")).getText())
        .isNotEqualTo("0");
    List<WebElement> claims = driver.findElements(By.cssSelector("#claims .claim"));
    assertThat(claims).hasSize(5);
    WebElement layoffs = driver.findElement(By.cssSelector("#claims .claim[data-theme=layoffs]"));
    assertThat(layoffs.findElement(By.tagName("blockquote")).getText())
        .startsWith("想干活的时候说AI，想裁员的时候又怪AI");
    assertThat(layoffs.findElements(By.cssSelector(".evidence li"))).isNotEmpty();
    // The alert from the spike fixture.
    assertThat(driver.findElements(By.cssSelector("#alert-list li[data-id]"))).hasSize(1);

    // Search.
    WebElement box = driver.findElement(By.id("q"));
    box.clear();
    box.sendKeys("ExampleCorp");
    driver.findElement(By.id("search-button")).click();
    await()
        .until(
            d ->
                d.findElements(By.cssSelector("#results li[data-id=a10]")).size() == 1
                    && d.findElements(By.cssSelector("#results li")).size() == 1);
    WebElement hostile = driver.findElement(By.cssSelector("#results li[data-id=a10]"));
    assertThat(hostile.findElement(By.cssSelector(".title")).getText())
        .isEqualTo("<img src=x onerror=alert(1)> layoffs at ExampleCorp");
    assertThat(hostile.findElements(By.tagName("img"))).isEmpty();
    assertThat(hostile.findElements(By.tagName("a")))
        .isEmpty(); // its javascript: link is not a link
    assertThat(hostile.findElement(By.cssSelector(".title mark")).getText())
        .isEqualTo("ExampleCorp");
    assertNoDialog();

    box.clear();
    box.sendKeys("layoffs");
    driver.findElement(By.id("search-button")).click();
    await()
        .until(
            d ->
                d.findElement(By.id("search-status")).getText().endsWith("条结果")
                    && d.findElements(By.cssSelector("#results li")).size() == 20);
    assertThat(driver.findElement(By.id("search-status")).getText()).isEqualTo("104 条结果");
    for (WebElement anchor :
        driver.findElements(By.cssSelector("#results a, #latest-list a, #claims a"))) {
      assertThat(anchor.getAttribute("href")).matches("https?://.*");
    }
    assertThat(driver.findElements(By.cssSelector("img"))).isEmpty();
    assertNoDialog();
    List<String> console =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .map(LogEntry::getMessage)
            .toList();
    assertThat(console).noneMatch(message -> message.contains("Content Security Policy"));

    screenshot("dashboard-page-zh.png");

    // English labels.
    driver.findElement(By.id("lang-toggle")).click();
    await()
        .until(
            d ->
                d.findElement(By.cssSelector("#chart-layoffs h3"))
                    .getText()
                    .equals("Layoffs · count"));
    assertThat(driver.findElement(By.cssSelector("#scorecard h2")).getText())
        .isEqualTo("Thesis scorecard");

    screenshot("dashboard-page.png");
  }

  /** Saves what the browser shows as {@code target/NAME}, for people to look at. */
  private static void screenshot(String name) throws IOException {
    File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
    Path target = Path.of("target", name);
    Files.createDirectories(target.getParent());
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }
}
