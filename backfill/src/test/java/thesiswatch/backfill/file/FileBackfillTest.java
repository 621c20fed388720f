package thesiswatch.backfill.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;
import thesiswatch.backfill.MemorySink;
import thesiswatch.backfill.Sources;
import thesiswatch.backfill.TestClock;
import thesiswatch.backfill.export.CsvRows;
import thesiswatch.backfill.run.Backfill;
import thesiswatch.backfill.run.Listener;
import thesiswatch.backfill.run.Summary;
import thesiswatch.common.Article;
import thesiswatch.common.BackfillState;
import thesiswatch.common.BoundedLines;
import thesiswatch.common.Env;
import thesiswatch.ingest.IngestConfig;

/**
 * WARC files written here with jwarc, and JSONL and CSV exports with broken rows, backfilled into
 * memory: which records become which articles, which are counted as which problem, and a run that
 * dies between two commits resumes without publishing anything twice.
 */
class FileBackfillTest {

  static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
  static final IngestConfig CONFIG = IngestConfig.from(new Env(Map.of()));

  @TempDir Path dir;

  static Summary run(String kind, List<String> files, MemorySink sink, int batch) throws Exception {
    TestClock clock = new TestClock(NOW);
    Backfill backfill =
        new Backfill(
            new Backfill.Settings(batch, Duration.ofDays(1), 5_000, Duration.ofHours(48), 20_000),
            clock);
    return backfill.run(Sources.files(kind, files, CONFIG, clock), sink, Listener.NONE);
  }

  static Map<String, Article> byTitle(List<Article> articles) {
    return articles.stream()
        .collect(Collectors.toMap(Article::title, a -> a, (a, b) -> b, TreeMap::new));
  }

  // --- WARC --------------------------------------------------------------------------------

  static final String NEWS_ARTICLE =
      """
      <!DOCTYPE html><html lang="zh-CN"><head><title>站点标题 | 示例新闻</title>
      <link rel="canonical" href="https://news.example/2025/02/10/layoffs?utm_source=x">
      <script type="application/ld+json">
      {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"示例新闻"},
       {"@type":"NewsArticle","headline":"某互联网大厂启动新一轮裁员",
        "datePublished":"2025-02-10T08:30:00+08:00","inLanguage":"zh-CN",
        "description":"涉及多个业务线"}]}
      </script>
      <meta property="og:site_name" content="示例新闻">
      </head><body><p>正文</p></body></html>
      """;

  static final String OPEN_GRAPH_ARTICLE =
      """
      <html><head><title>ignored</title>
      <meta property="og:type" content="article">
      <meta property="og:title" content="Acme to cut 1,200 jobs as it shifts spending to AI">
      <meta property="og:url" content="https://other.example/acme-cuts">
      <meta property="og:description" content="The cloud unit is hit hardest.">
      <meta property="article:published_time" content="2025-03-01T12:00:00Z">
      <meta property="og:locale" content="en_GB">
      </head><body></body></html>
      """;

  static final String UNDATED_ARTICLE =
      """
      <html><head><meta property="og:type" content="article">
      <meta property="og:title" content="Riders protest new delivery algorithm">
      </head><body></body></html>
      """;

  static final String HOME_PAGE =
      "<html><head><title>Example News — home</title></head><body>index</body></html>";

  static final String FEED =
      """
      <?xml version="1.0"?><rss version="2.0"><channel><title>Feed in a WARC</title>
      <item><title>Seed funding for AI startups dries up</title>
      <link>https://feeds.example/seed</link><pubDate>Mon, 03 Feb 2025 10:00:00 GMT</pubDate></item>
      </channel></rss>
      """;

  static WarcWriter gzippedWarc(Path file) throws IOException {
    return new WarcWriter(
        java.nio.channels.FileChannel.open(
            file, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE),
        WarcCompression.GZIP);
  }

  Path warc(String name, boolean truncate) throws IOException {
    Path file = dir.resolve(name);
    Instant captured = Instant.parse("2025-03-02T00:00:00Z");
    try (WarcWriter writer = gzippedWarc(file)) {
      writer.write(new Warcinfo.Builder().filename(name).date(captured).build());
      writer.write(
          new WarcRequest.Builder(URI.create("https://news.example/2025/02/10/layoffs"))
              .date(captured)
              .body(MediaType.HTTP_REQUEST, "GET / HTTP/1.1\r\n\r\n".getBytes())
              .build());
      writer.write(page("https://news.example/2025/02/10/layoffs", NEWS_ARTICLE, captured));
      writer.write(page("https://other.example/acme-cuts?ref=rss", OPEN_GRAPH_ARTICLE, captured));
      writer.write(page("https://news.example/riders", UNDATED_ARTICLE, captured));
      writer.write(page("https://news.example/", HOME_PAGE, captured));
      writer.write(
          response(
              "https://news.example/logo.png",
              200,
              MediaType.parse("image/png"),
              new byte[8],
              captured));
      writer.write(feedResponse(captured));
      writer.write(
          response(
              "https://news.example/gone",
              404,
              MediaType.HTML_UTF8,
              "<html>gone</html>".getBytes(StandardCharsets.UTF_8),
              captured));
      // The same story captured again a day later: published once.
      writer.write(
          page(
              "https://news.example/2025/02/10/layoffs",
              NEWS_ARTICLE,
              captured.plus(Duration.ofDays(1))));
    }
    if (truncate) {
      byte[] bytes = Files.readAllBytes(file);
      Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 40));
    }
    return file;
  }

  /** The capture of {@link #FEED}. */
  static WarcResponse feedResponse(Instant date) throws IOException {
    return response(
        "https://feeds.example/rss",
        200,
        MediaType.parse("application/rss+xml"),
        FEED.getBytes(StandardCharsets.UTF_8),
        date);
  }

  static WarcResponse page(String url, String html, Instant date) throws IOException {
    return response(url, 200, MediaType.HTML_UTF8, html.getBytes(StandardCharsets.UTF_8), date);
  }

  static WarcResponse response(String url, int status, MediaType type, byte[] body, Instant date)
      throws IOException {
    HttpResponse http = new HttpResponse.Builder(status, "X").body(type, body).build();
    return new WarcResponse.Builder(URI.create(url)).date(date).body(http).build();
  }

  @Test
  void newsPagesAndFeedsInAWarcBecomeArticlesFromTheirMetadata() throws Exception {
    MemorySink sink = new MemorySink();
    Path file = warc("news.warc.gz", false);
    Summary summary = run("warc", List.of(file.toString()), sink, 100);

    assertThat(summary.stopped()).isNull();
    assertThat(summary.total()).isEqualTo(10);
    assertThat(summary.problems()).isEqualTo(Map.of("not_an_article", 1L));
    assertThat(summary.alreadySeen()).isEqualTo(1);
    Map<String, Article> articles = byTitle(sink.articles);
    assertThat(articles)
        .containsOnlyKeys(
            "某互联网大厂启动新一轮裁员",
            "Acme to cut 1,200 jobs as it shifts spending to AI",
            "Riders protest new delivery algorithm",
            "Seed funding for AI startups dries up");
    Article zh = articles.get("某互联网大厂启动新一轮裁员");
    assertThat(zh.link()).isEqualTo("https://news.example/2025/02/10/layoffs");
    assertThat(zh.published()).isEqualTo(Instant.parse("2025-02-10T00:30:00Z"));
    assertThat(zh.lang()).isEqualTo("zh");
    assertThat(zh.summary()).isEqualTo("涉及多个业务线");
    assertThat(zh.feedTitle()).isEqualTo("示例新闻");
    assertThat(zh.backfill().source()).isEqualTo("warc");
    assertThat(zh.backfill().captured()).isEqualTo(Instant.parse("2025-03-02T00:00:00Z"));
    Article en = articles.get("Acme to cut 1,200 jobs as it shifts spending to AI");
    assertThat(en.link()).isEqualTo("https://other.example/acme-cuts");
    assertThat(en.lang()).isEqualTo("en");
    assertThat(en.summary()).isEqualTo("The cloud unit is hit hardest.");
    assertThat(articles.get("Riders protest new delivery algorithm").published())
        .as("an undated page is dated by its capture")
        .isEqualTo(Instant.parse("2025-03-02T00:00:00Z"));
    assertThat(articles.get("Seed funding for AI startups dries up").published())
        .isEqualTo(Instant.parse("2025-02-03T10:00:00Z"));

    BackfillState state = sink.states.get("warc " + file);
    assertThat(state.status()).isEqualTo(BackfillState.DONE);
    assertThat(state.position()).isEqualTo(10);
    assertThat(state.articles()).isEqualTo(4);

    Summary again = run("warc", List.of(file.toString()), sink, 100);
    assertThat(again.done()).isZero();
    assertThat(sink.articles).hasSize(4);
  }

  @Test
  void aTruncatedWarcEndsAsInvalidAndTheRecordsBeforeTheCutCount() throws Exception {
    MemorySink sink = new MemorySink();
    Path file = warc("cut.warc.gz", true);
    Summary summary = run("warc", List.of(file.toString()), sink, 100);
    assertThat(summary.stopped()).isNull();
    assertThat(summary.problems()).containsEntry("invalid_warc", 1L);
    assertThat(byTitle(sink.articles)).containsKey("Seed funding for AI startups dries up");
  }

  @Test
  void aResponseWhoseHttpCannotBeReadCostsThatRecordNotTheRestOfTheFile() throws Exception {
    Path file = dir.resolve("bad-http.warc.gz");
    Instant captured = Instant.parse("2025-03-02T00:00:00Z");
    try (WarcWriter writer = gzippedWarc(file)) {
      writer.write(
          new WarcResponse.Builder(URI.create("https://news.example/broken"))
              .date(captured)
              .body(MediaType.HTTP_RESPONSE, "this is not HTTP\r\n\r\n".getBytes())
              .build());
      writer.write(feedResponse(captured));
    }
    MemorySink sink = new MemorySink();
    Summary summary = run("warc", List.of(file.toString()), sink, 100);
    assertThat(summary.stopped()).isNull();
    assertThat(summary.problems()).isEqualTo(Map.of("invalid_http", 1L));
    assertThat(byTitle(sink.articles)).containsOnlyKeys("Seed funding for AI startups dries up");
  }

  // --- JSONL and CSV -----------------------------------------------------------------------

  static final String JSONL =
      """
      {"url":"https://www.example.com/ai-layoffs","url_mobile":"","title":"Tech firm blames AI for 500 layoffs","seendate":"20250210T101500Z","socialimage":"","domain":"example.com","language":"English","sourcecountry":"United States"}
      {"id":"12345","publish_date":"2025-02-11 08:00:00","title":"外卖骑手收入调查","url":"https://zh.example.cn/riders","language":"zh","media_name":"示例日报","media_url":"https://zh.example.cn/"}
      {"title": "broken
      {"url":"https://www.example.com/no-title","seendate":"20250210T101500Z"}
      {"title":"No link here","seendate":"20250210T101500Z"}
      {"title":"No time here","url":"https://www.example.com/no-time"}
      {"title":"A time nobody reads","url":"https://www.example.com/bad-time","seendate":"next Tuesday"}
      {"title":"Not a web link","url":"javascript:alert(1)","seendate":"20250210T101500Z"}
      ["not","an","object"]
      {"url":"https://www.example.com/ai-layoffs?utm_source=feed","title":"Tech firm blames AI for 500 layoffs","seendate":"20250210T111500Z","domain":"example.com"}

      """;

  @Test
  void jsonLinesLoadGdeltAndMediaCloudRowsAndCountBrokenOnesByKind() throws Exception {
    Path file = dir.resolve("export.jsonl");
    Files.writeString(file, JSONL);
    MemorySink sink = new MemorySink();
    Summary summary = run("jsonl", List.of(file.toString()), sink, 3);

    assertThat(summary.total()).isEqualTo(10);
    assertThat(summary.problems())
        .isEqualTo(
            Map.of(
                "malformed_json", 1L,
                "missing_title", 1L,
                "missing_link", 1L,
                "missing_time", 1L,
                "bad_time", 1L,
                "bad_link", 1L,
                "not_an_object", 1L));
    assertThat(summary.alreadySeen()).as("the same story again (tracking parameter)").isEqualTo(1);
    Map<String, Article> articles = byTitle(sink.articles);
    assertThat(articles).containsOnlyKeys("Tech firm blames AI for 500 layoffs", "外卖骑手收入调查");
    Article gdelt = articles.get("Tech firm blames AI for 500 layoffs");
    assertThat(gdelt.published()).isEqualTo(Instant.parse("2025-02-10T10:15:00Z"));
    assertThat(gdelt.lang()).as("GDELT names languages in English").isEqualTo("en");
    assertThat(gdelt.feedUrl()).isEqualTo("https://example.com/");
    assertThat(gdelt.fetched()).isEqualTo(NOW);
    Article mediaCloud = articles.get("外卖骑手收入调查");
    assertThat(mediaCloud.published()).isEqualTo(Instant.parse("2025-02-11T08:00:00Z"));
    assertThat(mediaCloud.feedTitle()).isEqualTo("示例日报");
    assertThat(mediaCloud.feedUrl()).isEqualTo("https://zh.example.cn/");
    assertThat(mediaCloud.backfill().source()).isEqualTo("jsonl");
    assertThat(mediaCloud.backfill().captured()).isNull();
  }

  @Test
  void aGdeltAnswerSavedAsOneJsonDocumentLoadsToo() throws Exception {
    Path file = dir.resolve("artlist.json");
    Files.writeString(
        file,
        """
        {
          "articles": [
            {"url": "https://a.example/1", "title": "First story about gig work", "seendate": "20250301T000000Z", "domain": "a.example", "language": "English"},
            {"url": "https://a.example/2", "title": "Second story about gig work", "seendate": "20250302T000000Z", "domain": "a.example", "language": "English"}
          ]
        }
        """);
    MemorySink sink = new MemorySink();
    run("jsonl", List.of(file.toString()), sink, 100);
    assertThat(byTitle(sink.articles))
        .containsOnlyKeys("First story about gig work", "Second story about gig work");
  }

  @Test
  void aLineLongerThanAnyRowIsCountedNotHeldAndTheLinesAroundItLoad() throws Exception {
    // A file without line breaks (or /dev/zero) would otherwise be one line the size of the file.
    Path file = dir.resolve("long-line.jsonl");
    String good =
        "{\"url\":\"https://a.example/%d\",\"title\":\"Story %d about gig work\","
            + "\"seendate\":\"20250301T000000Z\"}\n";
    Files.writeString(
        file,
        String.format(good, 1, 1)
            + "{\"title\":\""
            + "x".repeat(BoundedLines.MAX_LINE_CHARS)
            + "\"}\n"
            + String.format(good, 2, 2));
    MemorySink sink = new MemorySink();
    Summary summary = run("jsonl", List.of(file.toString()), sink, 100);
    assertThat(summary.problems()).isEqualTo(Map.of("too_long", 1L));
    assertThat(byTitle(sink.articles))
        .containsOnlyKeys("Story 1 about gig work", "Story 2 about gig work");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES) // a reader that never stops hangs, not fails
  void anInputWithoutLineBreaksIsOneTooLongRecordAndTheNextFileLoads() throws Exception {
    // /dev/zero never ends: reading stops once a line runs past the span, not at the end.
    Path good = dir.resolve("after-zero.jsonl");
    Files.writeString(
        good,
        "{\"url\":\"https://a.example/z\",\"title\":\"Gig work after the zeros\","
            + "\"seendate\":\"20250301T000000Z\"}\n");
    MemorySink sink = new MemorySink();
    Summary summary = run("jsonl", List.of("/dev/zero", good.toString()), sink, 100);
    assertThat(summary.stopped()).isNull();
    assertThat(summary.done()).isEqualTo(2);
    assertThat(summary.problems()).isEqualTo(Map.of("too_long", 1L));
    assertThat(byTitle(sink.articles)).containsOnlyKeys("Gig work after the zeros");
  }

  static final String CSV =
      "\uFEFFURL,MobileURL,Title,SeenDate,Domain,Language\r\n"
          + "https://b.example/one,,\"Layoffs, again: a \"\"quoted\"\""
          + " headline\",20250210T101500Z,b.example,English\r\n"
          + "https://b.example/two,,\"A headline\n"
          + "over two lines\",20250211T000000Z,b.example,English\r\n"
          + "https://b.example/three,,Too,many,fields,here,really\r\n"
          + ",,No link,20250211T000000Z,b.example,English\r\n"
          + "https://b.example/four,,\"Never closed,20250212T000000Z,b.example,English\r\n"
          + "https://b.example/five,,Lost after the broken"
          + " quote,20250212T000000Z,b.example,English\r\n";

  @Test
  void csvWithQuotedCommasAndNewlinesLoadsAndBrokenRowsAreCounted() throws Exception {
    Path file = dir.resolve("export.csv");
    Files.writeString(
        file,
        CSV.replace("URL,MobileURL,Title,SeenDate", "url,url_mobile,title,seendate"),
        StandardCharsets.UTF_8);
    MemorySink sink = new MemorySink();
    Summary summary = run("csv", List.of(file.toString()), sink, 100);
    assertThat(summary.problems()).isEqualTo(Map.of("malformed_csv", 2L, "missing_link", 1L));
    assertThat(byTitle(sink.articles))
        .containsOnlyKeys("Layoffs, again: a \"quoted\" headline", "A headline over two lines");
  }

  @Test
  void aQuoteThatNeverClosesInALargeFileIsOneTooLongRecordNeverHeldWhole() throws Exception {
    Path file = dir.resolve("unclosed.csv");
    StringBuilder csv =
        new StringBuilder("url,title,seendate\n")
            .append("https://b.example/one,Layoffs before the broken quote,20250210T101500Z\n")
            .append("https://b.example/two,\"Never closed,20250212T000000Z\n");
    String row = "https://b.example/lost,A row inside the open quote,20250212T000000Z\n";
    while (csv.length() < 2 * CsvRows.MAX_RECORD_CHARS) {
      csv.append(row);
    }
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    MemorySink sink = new MemorySink();
    Summary summary = run("csv", List.of(file.toString()), sink, 100);
    assertThat(summary.problems()).isEqualTo(Map.of("too_long", 1L));
    assertThat(byTitle(sink.articles)).containsOnlyKeys("Layoffs before the broken quote");
  }

  @Test
  void aRunKilledBetweenCommitsResumesAndPublishesEachRowOnce() throws Exception {
    Path file = dir.resolve("many.jsonl");
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      rows.append(
          String.format(
              "{\"url\":\"https://c.example/%d\",\"title\":\"Story number %d about one-person"
                  + " companies\",\"seendate\":\"20250301T0%d0000Z\"}%n",
              i, i, i % 10));
    }
    Files.writeString(file, rows);
    MemorySink sink = new MemorySink();
    sink.failAt(3);
    assertThatThrownBy(() -> run("jsonl", List.of(file.toString()), sink, 4))
        .hasMessageContaining("killed");
    assertThat(sink.articles).hasSize(8);
    assertThat(sink.states.get("jsonl " + file).position()).isEqualTo(8);

    Summary resumed = run("jsonl", List.of(file.toString()), sink, 4);
    assertThat(resumed.total()).isEqualTo(17);
    assertThat(sink.articles).hasSize(25);
    assertThat(sink.articles.stream().map(Article::id).distinct()).hasSize(25);
    assertThat(sink.states.get("jsonl " + file).status()).isEqualTo(BackfillState.DONE);
  }
}
