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
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;
import thesiswatch.dashboard.Fixtures;
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
        .isEqualTo("裁员 · 占比"); // share of voice is the default measure (issue 16)
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
    // Each verdict is explained by its sentence, built from the numbers shown beside it.
    assertThat(layoffs.findElement(By.cssSelector(".why")).getText()).contains("2025");
    // At a glance: each theme card carries its claim's verdict, linked to the explanation, and
    // one line above the cards counts the five verdicts.
    WebElement cardVerdict =
        driver.findElement(By.cssSelector("#theme-counts li[data-theme=layoffs] .card-verdict"));
    assertThat(cardVerdict.getText())
        .isNotBlank()
        .isEqualTo(layoffs.findElement(By.cssSelector("h3 .verdict")).getText());
    assertThat(cardVerdict.getAttribute("href")).endsWith("#claim-layoffs");
    assertThat(driver.findElements(By.cssSelector("#theme-counts .card-verdict"))).hasSize(5);
    String summary = driver.findElement(By.id("verdict-summary")).getText();
    assertThat(summary).startsWith("各论点的判定（2025-01-01 – 2025-12-31）：");
    assertThat(
            Pattern.compile("(\\d+) ")
                .matcher(summary.substring(summary.indexOf("：")))
                .results()
                .mapToInt(m -> Integer.parseInt(m.group(1)))
                .sum())
        .isEqualTo(5);
    // A long range reads best by week: the default interval.
    assertThat(value("interval")).isEqualTo("week");
    // The alert from the spike fixture, its ratio shown as the division it is.
    List<WebElement> alerts = driver.findElements(By.cssSelector("#alert-list li[data-id]"));
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).getText()).containsPattern("×[0-9.]+ = [0-9]+ ÷ [0-9.]+");

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
                    .equals("Layoffs · share"));
    assertThat(driver.findElement(By.cssSelector("#scorecard h2")).getText())
        .isEqualTo("Thesis scorecard");

    screenshot("dashboard-page.png");
  }

  private static String base() {
    return "http://127.0.0.1:" + harness.port();
  }

  private static void open(String pathAndQuery) {
    driver.get(base() + pathAndQuery);
    await().until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static void cdp(String command, Map<String, Object> params) {
    ((ChromeDriver) driver).executeCdpCommand(command, params);
  }

  /** The API requests the page made since it loaded, as the browser recorded them. */
  @SuppressWarnings("unchecked")
  private static List<String> requests() {
    return (List<String>)
        js(
            "return performance.getEntriesByType('resource').map(e => e.name)"
                + ".filter(n => n.includes('/api/'));");
  }

  private static String value(String id) {
    return driver.findElement(By.id(id)).getAttribute("value");
  }

  /** Console messages of level SEVERE (errors, failed requests) since the last call. */
  private static List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  @Test
  void theComparisonChartShowsEveryThemeWithMarksTableStripsAndMethod() throws Exception {
    consoleErrors();
    open("/?lang=en");
    assertThat(driver.findElements(By.cssSelector("#compare-chart canvas"))).hasSize(1);
    assertThat(driver.findElement(By.id("compare-title")).getText())
        .isEqualTo("Themes compared (one time axis) · share");
    // One legend entry per theme beside the time.
    assertThat(driver.findElements(By.cssSelector("#compare-chart .u-legend .u-series")))
        .hasSize(6);
    // The essay's date and the spike fixture's alert are marked on the time axis.
    assertThat(driver.findElements(By.cssSelector("#compare-marks [data-mark=essay]"))).hasSize(1);
    assertThat(driver.findElement(By.cssSelector("#compare-marks [data-mark=essay]")).getText())
        .contains("essay 2025-01-01");
    assertThat(driver.findElements(By.cssSelector("#compare-marks [data-mark=alert]"))).hasSize(1);
    // The table view behind the chart: a date column and one column per theme.
    driver.findElement(By.cssSelector("#compare .table-view summary")).click();
    await().until(d -> !d.findElements(By.cssSelector("#compare-table tbody tr")).isEmpty());
    assertThat(driver.findElements(By.cssSelector("#compare-table thead th"))).hasSize(6);
    String firstRow = driver.findElement(By.cssSelector("#compare-table tbody tr")).getText();
    assertThat(firstRow).matches("\\d{4}-\\d{2}-\\d{2} .*");
    // Days without any article are gaps in the share view ("–"), not 0% dips.
    for (WebElement cell : driver.findElements(By.cssSelector("#compare-table tbody td"))) {
      assertThat(cell.getText()).matches("–|\\d+\\.\\d%");
    }
    // A verdict strip per claim with a history, and each verdict links the methodology.
    assertThat(driver.findElements(By.cssSelector("#verdict-strips > li")))
        .hasSize(
            driver.findElements(By.cssSelector("#claims .claim .history li:first-child")).size());
    assertThat(driver.findElements(By.cssSelector("#claims .claim a.method-link"))).hasSize(5);
    assertThat(
            driver
                .findElement(By.cssSelector("#claims .claim[data-theme=layoffs] a.method-link"))
                .getAttribute("href"))
        .endsWith("#methodology");
    assertThat(driver.findElements(By.cssSelector("#method-body dt"))).hasSize(7);
    assertThat(driver.findElements(By.cssSelector("#method-body li[data-theme]"))).hasSize(5);
    // Counts: integer ticks only.
    new Select(driver.findElement(By.id("measure"))).selectByValue("count");
    await()
        .until(
            d ->
                d.findElement(By.id("compare-title"))
                    .getText()
                    .equals("Themes compared (one time axis) · count"));
    await().until(d -> !d.findElements(By.cssSelector("#compare-table tbody tr")).isEmpty());
    for (WebElement cell : driver.findElements(By.cssSelector("#compare-table tbody td"))) {
      assertThat(cell.getText()).matches("\\d+");
    }
    assertThat(driver.getCurrentUrl()).contains("measure=count");
    // Labelled controls, a live region for live counts, a favicon.
    assertThat(
            js(
                "return [...document.querySelectorAll('input, select')]"
                    + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label'))"
                    + ".map(e => e.id);"))
        .asList()
        .isEmpty();
    assertThat(driver.findElement(By.id("indexed")).getAttribute("aria-live")).isEqualTo("polite");
    // The stream's badge: "live" once connected (it reads "connecting…" before, never "offline").
    await().until(d -> d.findElement(By.id("live")).getText().equals("live"));
    assertThat(driver.findElement(By.id("live")).getAttribute("class")).isEqualTo("live on");
    assertThat(driver.findElement(By.cssSelector("link[rel=icon]")).getAttribute("href"))
        .endsWith("/favicon.svg");
    assertThat(Fixtures.get(harness.port(), "/favicon.svg").status()).isEqualTo(200);
    assertThat(consoleErrors()).isEmpty();
    screenshot("dashboard-compare.png");
  }

  @Test
  void aChartPointOrAThemeCardOpensItsArticles() {
    consoleErrors();
    open("/?lang=en&measure=count&interval=day");
    // A click on the layoffs chart picks the bucket under the cursor.
    WebElement over = driver.findElement(By.cssSelector("#chart-layoffs .u-over"));
    new Actions(driver).moveToElement(over).pause(Duration.ofMillis(300)).click().perform();
    await().until(d -> "layoffs".equals(value("search-theme")));
    String day = value("search-from");
    assertThat(day).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(value("search-to")).isEqualTo(day); // a day bucket is one day
    assertThat(driver.getCurrentUrl()).contains("theme=layoffs").contains("sfrom=" + day);
    await()
        .until(
            d ->
                requests().stream()
                    .anyMatch(
                        r ->
                            r.contains("/api/articles?theme=layoffs&sort=newest&from=")
                                && r.contains("limit=20")));
    await().until(d -> !d.findElement(By.id("search-status")).getText().isEmpty());

    // The theme card: the theme over the whole view.
    WebElement card =
        driver.findElement(By.cssSelector("#theme-counts li[data-theme=gig_work] button"));
    js("arguments[0].scrollIntoView({block: 'center'});", card);
    card.click();
    await().until(d -> "gig_work".equals(value("search-theme")));
    assertThat(value("search-from")).isEmpty();
    await()
        .until(
            d ->
                !d.findElements(By.cssSelector("#results li")).isEmpty()
                    && d.findElements(By.cssSelector("#results li")).stream()
                        .allMatch(li -> li.getText().contains("Gig")));
    // Back returns to the chart's drill-down.
    driver.navigate().back();
    await().until(d -> "layoffs".equals(value("search-theme")));
    assertThat(value("search-from")).isEqualTo(day);
    assertThat(consoleErrors()).isEmpty();
  }

  @Test
  void newArticlesAreOfferedToAnOpenSearch() throws Exception {
    consoleErrors();
    // A harness of its own: the article added here changes no other test's counts.
    try (ApiHarness own =
        new ApiHarness(
            Files.createTempDirectory(dir, "fresh"), TestArticles.tagged("tagged-small.jsonl"))) {
      driver.get("http://127.0.0.1:" + own.port() + "/?lang=en&q=Zyxwv");
      await()
          .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
      await().until(d -> d.findElement(By.id("search-status")).getText().equals("no results"));
      // An article no theme matches (so no other test's counts move) that the search finds.
      TaggedArticle fresh =
          Json.MAPPER.readValue(
              "{\"schemaVersion\": 1, \"id\": \"fresh1\", \"guid\": \"fresh1\", \"title\": \"Zyxwv"
                  + " quarterly note\", \"link\": \"https://news.example.com/fresh1\", \"summary\":"
                  + " \"\", \"published\": \"2025-02-11T10:00:00Z\", \"fetched\":"
                  + " \"2025-03-01T00:00:00Z\", \"lang\": \"en\", \"feedUrl\":"
                  + " \"https://news.example.com/tech.xml\", \"feedTitle\": \"Tech Daily\","
                  + " \"sources\": [\"https://news.example.com/tech.xml\"], \"themes\": [],"
                  + " \"themeSetVersion\": \"fixture00001\", \"classified\":"
                  + " \"2025-03-01T00:00:01Z\"}",
              TaggedArticle.class);
      own.index().upsert(fresh);
      own.index().refresh();
      own.events().broadcast("articles", Map.of("indexed", own.index().size()));
      await()
          .until(
              d ->
                  d.findElement(By.id("new-results")).isDisplayed()
                      && d.findElement(By.id("new-results")).getText().equals("1 new — show"));
      // The list under the reader stays until asked.
      assertThat(driver.findElements(By.cssSelector("#results li"))).isEmpty();
      driver.findElement(By.id("new-results")).click();
      await().until(d -> d.findElements(By.cssSelector("#results li[data-id=fresh1]")).size() == 1);
      assertThat(driver.findElement(By.id("search-status")).getText()).isEqualTo("1 results");
      assertThat(driver.findElement(By.id("new-results")).isDisplayed()).isFalse();
      assertThat(consoleErrors()).isEmpty();
      // Leave the page before its server stops, so its live stream does not log errors.
      driver.get("about:blank");
    }
  }

  @Test
  void aLinkOpensExactlyItsViewInTheReadersZone() throws Exception {
    consoleErrors();
    cdp("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Shanghai"));
    try {
      String view =
          "/?lang=en&interval=week&from=2025-02-01&to=2025-02-28&newslang=zh&theme=layoffs";
      open(view);
      assertThat(value("interval")).isEqualTo("week");
      assertThat(value("range-from")).isEqualTo("2025-02-01");
      assertThat(value("range-to")).isEqualTo("2025-02-28");
      // Calendar pickers whose value is an ISO day whatever the reader's locale shows.
      for (String field : List.of("range-from", "range-to", "search-from", "search-to")) {
        assertThat(driver.findElement(By.id(field)).getAttribute("type")).isEqualTo("date");
      }
      assertThat(value("trend-lang")).isEqualTo("zh");
      assertThat(value("search-theme")).isEqualTo("layoffs");
      assertThat(value("measure")).isEqualTo("share");
      assertThat(driver.findElement(By.id("tz-shown")).getText())
          .isEqualTo("Time zone: Asia/Shanghai (browser zone)");
      // Local days: Shanghai's 1 February starts at 16:00 UTC the day before; to is inclusive.
      String range = "from=2025-01-31T16%3A00%3A00.000Z&to=2025-02-28T16%3A00%3A00.000Z";
      assertThat(requests())
          .contains(
              base()
                  + "/api/trends?theme=layoffs&interval=week&lang=zh&tz=Asia%2FShanghai&"
                  + range)
          .contains(
              base() + "/api/articles?theme=layoffs&lang=zh&sort=newest&" + range + "&limit=20");
      assertThat(driver.findElement(By.cssSelector("#chart-layoffs h3")).getText())
          .startsWith("Layoffs · share");
      // Reload: the same view.
      driver.navigate().refresh();
      await()
          .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
      assertThat(driver.getCurrentUrl()).isEqualTo(base() + view);
      assertThat(value("search-theme")).isEqualTo("layoffs");
      assertThat(value("interval")).isEqualTo("week");
      // The UTC switch: the URL holds it, the API gets UTC days.
      driver.findElement(By.id("tz-utc")).click();
      await().until(d -> d.getCurrentUrl().endsWith("&tz=UTC"));
      await()
          .until(
              d ->
                  requests()
                      .contains(
                          base()
                              + "/api/trends?theme=layoffs&interval=week&lang=zh&tz=UTC&from="
                              + "2025-02-01T00%3A00%3A00.000Z&to=2025-03-01T00%3A00%3A00.000Z"));
      assertThat(driver.findElement(By.id("tz-shown")).getText()).isEqualTo("Time zone: UTC");
      assertThat(consoleErrors()).isEmpty();
    } finally {
      cdp("Emulation.setTimezoneOverride", Map.of("timezoneId", ""));
    }
  }

  @Test
  void aPhoneScreenNeverScrollsSidewaysAndDarkModeIsDark() throws Exception {
    consoleErrors();
    open("/?lang=zh");
    long wide =
        ((Number) js("return document.querySelector('#compare-chart canvas').clientWidth;"))
            .longValue();
    try {
      cdp(
          "Emulation.setDeviceMetricsOverride",
          Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
      // The charts follow the window down.
      await()
          .until(
              d ->
                  ((Number)
                              js(
                                  "return document.querySelector('#compare-chart"
                                      + " canvas').clientWidth;"))
                          .longValue()
                      < 390);
      assertThat(wide).isGreaterThan(390);
      await()
          .until(
              d ->
                  (Boolean)
                      js(
                          "return document.documentElement.scrollWidth <= window.innerWidth"
                              + " && window.innerWidth === 390;"));
      // Wide tables scroll inside their card, not the page.
      driver.findElement(By.cssSelector("#compare .table-view summary")).click();
      assertThat((Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth;"))
          .isTrue();
      screenshot("dashboard-page-mobile.png");

      cdp(
          "Emulation.setEmulatedMedia",
          Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
      await()
          .until(
              d ->
                  "rgb(18, 21, 27)"
                      .equals(js("return getComputedStyle(document.body).backgroundColor;")));
      assertThat(js("return getComputedStyle(document.querySelector('section')).color;"))
          .isEqualTo("rgb(230, 233, 239)");
      screenshot("dashboard-page-dark-mobile.png");
    } finally {
      cdp("Emulation.setEmulatedMedia", Map.of("features", List.of()));
      cdp("Emulation.clearDeviceMetricsOverride", Map.of());
    }
    assertThat(js("return getComputedStyle(document.body).backgroundColor;"))
        .isEqualTo("rgb(247, 248, 250)");
    assertThat(consoleErrors()).isEmpty();
  }

  /** Saves what the browser shows as {@code target/NAME}, for people to look at. */
  private static void screenshot(String name) throws IOException {
    File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
    Path target = Path.of("target", name);
    Files.createDirectories(target.getParent());
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }
}
