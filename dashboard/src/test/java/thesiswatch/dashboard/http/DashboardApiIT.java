package thesiswatch.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import thesiswatch.common.FeedState;
import thesiswatch.common.Json;
import thesiswatch.dashboard.Fixtures;
import thesiswatch.dashboard.Fixtures.Response;
import thesiswatch.testkit.TestArticles;

/**
 * Every endpoint of the API over the fixture articles, including the bad input it must refuse with
 * 400.
 */
class DashboardApiIT {

  @TempDir static Path dir;
  private static ApiHarness harness;

  @BeforeAll
  static void start() {
    harness = new ApiHarness(dir, TestArticles.tagged("tagged-small.jsonl"));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static Response get(String pathAndQuery) {
    return Fixtures.get(harness.port(), pathAndQuery);
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static List<String> ids(Response response) {
    List<String> ids = new ArrayList<>();
    response.json().get("articles").forEach(a -> ids.add(a.get("id").asText()));
    return ids;
  }

  @Test
  void healthAndMetrics() {
    Response health = get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"up\"}");
    assertThat(get("/ready").body()).isEqualTo("{\"status\":\"ready\"}");
    harness.fail(new IllegalStateException("this writer hit an unrecoverable error"));
    Response down = get("/health");
    Response notReady = get("/ready");
    harness.fail(null);
    assertThat(notReady.status()).isEqualTo(503);
    assertThat(notReady.body()).isEqualTo("{\"status\":\"not_ready\"}");
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.json().get("status").asText()).isEqualTo("down");
    assertThat(down.json().get("detail").asText())
        .isEqualTo("java.lang.IllegalStateException: this writer hit an unrecoverable error");
    Response metrics = get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("Content-Type")).startsWith("text/plain; version=0.0.4");
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() {
    for (String path :
        List.of("/", "/app.js", "/api/themes", "/api/articles?limit=0", "/api/nope")) {
      Response response = get(path);
      assertThat(response.header("Content-Security-Policy"))
          .as(path)
          .isEqualTo(DashboardApi.CONTENT_SECURITY_POLICY);
      assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
    }
    assertThat(get("/").body())
        .contains("<script src=\"/app.js\" defer></script>")
        .doesNotContain("<script>");
  }

  @Test
  void themesCarryNamesClaimsAndDirections() {
    JsonNode body = get("/api/themes").json();
    assertThat(body.get("version").asText()).hasSize(12);
    List<String> ids = new ArrayList<>();
    body.get("themes").forEach(t -> ids.add(t.get("id").asText()));
    assertThat(ids)
        .containsExactly(
            "layoffs", "compute_monopoly", "gig_work", "one_person_company", "vc_funding");
    JsonNode layoffs = body.get("themes").get(0);
    assertThat(layoffs.get("name").get("zh").asText()).isEqualTo("裁员");
    assertThat(layoffs.get("claim").get("zh").asText()).isEqualTo("想干活的时候说AI，想裁员的时候又怪AI");
    assertThat(layoffs.get("direction").asText()).isEqualTo("rising");
  }

  @Test
  void articlesAreNewestFirstWithFilters() {
    assertThat(ids(get("/api/articles")))
        .containsExactly(
            "a08", "a03", "a12", "a09", "a02", "a01", "a10", "a04", "a05", "a06", "a07", "a11");
    assertThat(ids(get("/api/articles?theme=layoffs&stance=challenges"))).containsExactly("a03");
    assertThat(ids(get("/api/articles?stance=challenges"))).containsExactly("a08", "a03");
    assertThat(ids(get("/api/articles?lang=zh"))).containsExactly("a12", "a02", "a05");
    assertThat(ids(get("/api/articles?source=" + enc("Business Wire Example"))))
        .containsExactly("a08", "a04", "a07");
    assertThat(ids(get("/api/articles?from=2025-02-10&to=2025-02-11")))
        .containsExactly("a09", "a02", "a01");
    assertThat(get("/api/articles?theme=layoffs").json().get("total").asLong()).isEqualTo(5);
  }

  @Test
  void searchMatchesEnglishAndChineseAndFlagsTheMatches() {
    Response english = get("/api/articles?q=layoff&sort=relevance");
    assertThat(ids(english)).containsExactlyInAnyOrder("a01", "a03", "a10", "a11");
    JsonNode a01 = null;
    for (JsonNode a : english.json().get("articles")) {
      if (a.get("id").asText().equals("a01")) {
        a01 = a;
      }
    }
    assertThat(a01.get("score").isNumber()).isTrue();
    assertThat(a01.get("titleHighlight").toString())
        .isEqualTo(
            "[{\"text\":\"Big Tech \",\"hit\":false},{\"text\":\"layoffs\",\"hit\":true},"
                + "{\"text\":\" continue as AI is blamed\",\"hit\":false}]");
    assertThat(ids(get("/api/articles?q=" + enc("裁员")))).containsExactly("a02");
    assertThat(ids(get("/api/articles?q=" + enc("layoffs -blamed") + "&theme=layoffs")))
        .containsExactly("a03", "a10", "a11");
    assertThat(ids(get("/api/articles?q=" + enc("fund*")))).containsExactly("a07");
    JsonNode why =
        get("/api/articles?q=" + enc("骑手")).json().get("articles").get(0).get("themes").get(0);
    assertThat(why.get("id").asText()).isEqualTo("gig_work");
    assertThat(why.get("matched").toString()).isEqualTo("[\"骑手\",\"算法\"]");
  }

  @Test
  void cursorPagesThroughEverythingOnce() {
    List<String> all = ids(get("/api/articles?limit=12"));
    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      Response page = get("/api/articles?limit=5" + (cursor == null ? "" : "&cursor=" + cursor));
      paged.addAll(ids(page));
      cursor =
          page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
    } while (cursor != null);
    assertThat(paged).isEqualTo(all);
  }

  @Test
  void linksThatAreNotHttpAreDroppedAndTextStaysText() {
    JsonNode a10 = get("/api/articles?q=ExampleCorp").json().get("articles").get(0);
    assertThat(a10.get("title").asText())
        .isEqualTo("<img src=x onerror=alert(1)> layoffs at ExampleCorp");
    assertThat(a10.get("link").isNull()).isTrue();
  }

  @Test
  void csvIsSafeAgainstFormulas() {
    Response csv = get("/api/articles.csv?theme=layoffs");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).isEqualTo("text/csv; charset=utf-8");
    assertThat(csv.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"thesiswatch-articles.csv\"");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("\uFEFFid,time,published,lang,source,title,link,themes,stances,matched");
    assertThat(lines).hasSize(6);
    assertThat(lines.get(5))
        .isEqualTo(
            "a11,2025-02-05T10:00:00Z,2025-02-05T10:00:00Z,en,Tech"
                + " Daily,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")"
                + " layoffs\",https://news.example.com/a11,layoffs,neutral,layoffs");
    assertThat(CsvExport.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
    assertThat(CsvExport.cell("-1+2")).isEqualTo("\"'-1+2\"");
    assertThat(CsvExport.cell("plain")).isEqualTo("plain");
  }

  @Test
  void trendsCountShareAndIncompleteBuckets() {
    JsonNode week = get("/api/trends?theme=gig_work&interval=week&lang=zh").json();
    assertThat(week.get("interval").asText()).isEqualTo("week");
    assertThat(week.get("buckets").toString())
        .isEqualTo(
            "[{\"start\":\"2025-02-03T00:00:00Z\",\"count\":1,\"total\":1,\"share\":1.0,\"incomplete\":false,\"thin\":false},"
                + "{\"start\":\"2025-02-10T00:00:00Z\",\"count\":1,\"total\":2,\"share\":0.5,\"incomplete\":false,\"thin\":false}]");
    JsonNode hours =
        get("/api/trends?theme=layoffs&interval=hour&from=2025-02-10T08:00:00Z&to=2025-02-10T11:00:00Z")
            .json();
    assertThat(hours.get("buckets").toString())
        .isEqualTo(
            "[{\"start\":\"2025-02-10T08:00:00Z\",\"count\":0,\"total\":0,\"share\":0.0,\"incomplete\":false,\"thin\":false},"
                + "{\"start\":\"2025-02-10T09:00:00Z\",\"count\":1,\"total\":1,\"share\":1.0,\"incomplete\":false,\"thin\":false},"
                + "{\"start\":\"2025-02-10T10:00:00Z\",\"count\":0,\"total\":0,\"share\":0.0,\"incomplete\":false,\"thin\":false}]");

    harness
        .feeds()
        .update(
            new FeedState(
                "https://news.example.com/tech.xml",
                "Tech Daily",
                FeedState.FAILING,
                null,
                null,
                3,
                Instant.parse("2025-02-09T12:00:00Z"),
                Instant.parse("2025-02-09T06:00:00Z"),
                "timeout",
                "no answer in 20s",
                null,
                10,
                List.of()));
    harness
        .feeds()
        .update(
            new FeedState(
                "https://news.example.com/tech.xml",
                "Tech Daily",
                FeedState.OK,
                null,
                null,
                0,
                Instant.parse("2025-02-10T01:00:00Z"),
                Instant.parse("2025-02-10T01:00:00Z"),
                null,
                null,
                null,
                12,
                List.of()));
    JsonNode days =
        get("/api/trends?theme=layoffs&interval=day&from=2025-02-08&to=2025-02-11").json();
    List<Boolean> incomplete = new ArrayList<>();
    days.get("buckets").forEach(b -> incomplete.add(b.get("incomplete").asBoolean()));
    assertThat(incomplete).containsExactly(false, true, true);
    JsonNode feeds = get("/api/feeds").json();
    assertThat(feeds.get("feeds").get(0).get("status").asText()).isEqualTo("ok");
    assertThat(feeds.get("outages").get(0).get("start").asText()).isEqualTo("2025-02-09T06:00:00Z");
    assertThat(feeds.get("outages").get(0).get("end").asText()).isEqualTo("2025-02-10T01:00:00Z");
  }

  @Test
  void scorecardHoldsEachClaimToItsPreRegisteredTest() {
    JsonNode card = get("/api/scorecard").json();
    // As of the clock, never as of the newest article.
    assertThat(card.get("asOf").asText()).isEqualTo("2025-03-01T00:00:00Z");
    JsonNode layoffs = card.get("claims").get(0);
    assertThat(layoffs.get("theme").asText()).isEqualTo("layoffs");
    assertThat(layoffs.get("predicted").asText()).isEqualTo("rising");
    // Three stance-bearing articles, where the default test needs 30: too early, saying so.
    assertThat(layoffs.get("verdict").asText()).isEqualTo("too_early");
    assertThat(layoffs.get("supporting").asLong()).isEqualTo(2);
    assertThat(layoffs.get("challenging").asLong()).isEqualTo(1);
    assertThat(layoffs.get("neutral").asLong()).isEqualTo(2);
    assertThat(layoffs.get("why").get("en").asText())
        .isEqualTo(
            "In 2025 (to 2025-03-01), 2 of 3 stance-bearing articles on Layoffs support the claim"
                + " (67%); the test needs 30. Too early: a deciding signal has less evidence than"
                + " the test's 30.");
    assertThat(layoffs.get("why").get("zh").asText())
        .startsWith("2025年（截至2025-03-01），3篇表明立场的裁员报道中有2篇支持这一论点");
    assertThat(layoffs.get("window").toString())
        .isEqualTo("{\"from\":\"2025-01-01\",\"to\":\"2025-12-31\",\"asOf\":\"2025-03-01\"}");
    assertThat(layoffs.get("baseline").get("from").asText()).isEqualTo("2024-07-01");
    JsonNode test = layoffs.get("tests").get(0);
    assertThat(test.get("signal").asText()).isEqualTo("stance_balance");
    assertThat(test.get("reading").asText()).isEqualTo("too_little_evidence");
    assertThat(test.get("evidence").asLong()).isEqualTo(3);
    assertThat(test.get("needed").asLong()).isEqualTo(30);
    assertThat(test.get("decides").asBoolean()).isTrue();
    // Counter-evidence first; newest first on each side.
    JsonNode evidence = layoffs.get("evidence");
    assertThat(evidence.fieldNames())
        .toIterable()
        .containsExactly("challenges", "supports", "search");
    List<String> ids = new ArrayList<>();
    evidence
        .get("challenges")
        .forEach(e -> ids.add(e.get("id").asText() + ":" + e.get("stance").asText()));
    evidence
        .get("supports")
        .forEach(e -> ids.add(e.get("id").asText() + ":" + e.get("stance").asText()));
    assertThat(ids).containsExactly("a03:challenges", "a02:supports", "a01:supports");
    assertThat(evidence.get("supports").get(0).get("highlight").toString())
        .isEqualTo(
            "[{\"text\":\"某大厂宣布\",\"hit\":false},{\"text\":\"裁员\",\"hit\":true},{\"text\":\"，称\",\"hit\":false},"
                + "{\"text\":\"降本增效\",\"hit\":true}]");
    assertThat(evidence.get("search").get("challenges").toString())
        .isEqualTo(
            "{\"theme\":\"layoffs\",\"stance\":\"challenges\",\"from\":\"2025-01-01\",\"to\":\"2025-03-02\"}");
    // The track record: a month from the baseline on; before the window opens, too early.
    List<String> months = new ArrayList<>();
    layoffs
        .get("history")
        .forEach(p -> months.add(p.get("period").asText() + "=" + p.get("verdict").asText()));
    assertThat(months)
        .containsExactly(
            "2024-07=too_early",
            "2024-08=too_early",
            "2024-09=too_early",
            "2024-10=too_early",
            "2024-11=too_early",
            "2024-12=too_early",
            "2025-01=too_early",
            "2025-02=too_early",
            "2025-03=too_early");
    assertThat(layoffs.get("rolling").get("window").get("from").asText()).isEqualTo("2024-12-02");
    assertThat(layoffs.get("method").get("minEvidence").asInt()).isEqualTo(30);
    assertThat(layoffs.get("method").get("rule").get("en").asText())
        .startsWith("Each signal's 95% interval");

    JsonNode one = get("/api/scorecard/layoffs").json();
    assertThat(one.get("claim").get("why")).isEqualTo(layoffs.get("why"));
    Response unknown = get("/api/scorecard/nope");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("error").asText()).isEqualTo("unknown_theme");
  }

  @Test
  void alertsStartEmpty() {
    assertThat(get("/api/alerts").body()).isEqualTo("{\"alerts\":[]}");
  }

  @Test
  void theStreamSaysHelloAndCarriesBroadcasts() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<InputStream> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.port() + "/api/stream"))
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(reader.readLine()).isEqualTo("event: hello");
      reader.readLine(); // data
      reader.readLine(); // blank line ending the event
      harness.events().broadcast("articles", Map.of("count", 1));
      assertThat(reader.readLine()).isEqualTo("event: articles");
      assertThat(reader.readLine()).isEqualTo("data: {\"count\":1}");
    }
  }

  /**
   * Hostile search-box input (over-long, unbalanced, leading wildcards, too many clauses) and other
   * bad parameters: 4xx with {error, detail}, never 500.
   */
  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // S1 syntax errors: the forgiving parser ignores them
        "/api/articles?q=layoffs%20AND%20(     | 200 |",
        "/api/articles?q=%22unclosed%20quote   | 200 |",
        // S2 leading wildcards and broad prefixes
        "/api/articles?q=*ple                  | 400 | leading_wildcard",
        "/api/articles?q=-*ple                 | 400 | leading_wildcard",
        // nothing left to search: a silent 0 would look like a search that found nothing
        "/api/articles?q=the                   | 400 | no_search_terms",
        "/api/articles?q=%22%22                | 400 | no_search_terms",
        "/api/articles?q=a*                    | 400 | prefix_too_short",
        // S3 regex blow-up: no regex syntax in the box, the text is searched as words
        "/api/articles?q=/.*a.%7B30%7D/        | 200 |",
        // S4 too many clauses
        "/api/articles?q=a%20b%20c%20d%20e%20f%20g%20h%20i%20j%20k%20l%20m%20n%20o%20p%20q%20r%20s%20t%20u%20v%20w%20x%20y%20z%20aa%20bb%20cc%20dd%20ee%20ff%20gg"
            + " | 400 | too_many_terms",
        // S5 deep nesting
        "/api/articles?q=((((((((((x))))))))))  | 400 | too_deep",
        // S6 fuzzy: not an operator here
        "/api/articles?q=layofs~2              | 200 |",
        // S7 huge or bad limits and cursors
        "/api/articles?limit=1000000           | 400 | bad_parameter",
        "/api/articles?limit=0                 | 400 | bad_parameter",
        "/api/articles?limit=ten               | 400 | bad_parameter",
        "/api/articles?cursor=%21%21garbage    | 400 | bad_cursor",
        "/api/articles.csv?limit=99999999      | 400 | bad_parameter",
        // other parameters
        "/api/articles?theme=nope              | 400 | unknown_theme",
        "/api/articles?stance=maybe            | 400 | bad_parameter",
        "/api/articles?lang=klingon1           | 400 | bad_parameter",
        "/api/articles?sort=random             | 400 | bad_parameter",
        "/api/articles?from=yesterday          | 400 | bad_parameter",
        "/api/articles?from=2025-02-10&to=2025-02-01 | 400 | bad_parameter",
        "/api/trends?interval=month            | 400 | bad_parameter",
        "/api/trends?theme=layoffs&interval=hour&from=2000-01-01&to=2025-01-01 | 400 |"
            + " too_many_buckets",
        "/api/alerts?limit=-5                  | 400 | bad_parameter",
        "/api/nope                             | 404 | not_found",
        // a parameter the route does not read would be ignored, the answer looking as asked
        "/api/articles?offset=20               | 400 | unknown_parameter",
        "/api/articles?thme=layoffs            | 400 | unknown_parameter",
        "/api/alerts?since=2025-01-01          | 400 | unknown_parameter",
        "/api/feeds?x=1                        | 400 | unknown_parameter",
      })
  void badInputIsRefusedWithJson(String path, int status, String kind) {
    Response response = get(path.strip());
    assertThat(response.status()).isEqualTo(status);
    if (kind != null) {
      JsonNode body = response.json();
      assertThat(body.get("error").asText()).isEqualTo(kind.strip());
      assertThat(body.get("detail").asText()).isNotBlank();
    }
  }

  @Test
  void anUnknownParameterIsNamedWithTheOnesTheRouteTakes() {
    JsonNode body = get("/api/alerts?since=2025-01-01").json();
    assertThat(body.get("detail").asText())
        .isEqualTo("'since' is not a parameter of /api/alerts; it takes theme, from, to, limit");
    assertThat(get("/api/feeds?x=1").json().get("detail").asText())
        .isEqualTo("'x' is not a parameter of /api/feeds; it takes none");
    assertThat(get("/metrics?name%5B%5D=x").status()).isEqualTo(200);
  }

  /**
   * A query string the server's lenient decoding would misread: a broken escape dropped the
   * parameter (so {@code theme=layoffs%ZZ} was answered for every theme), a cut UTF-8 sequence
   * became U+FFFD, a repeated parameter was read once. Sent over a socket as written, since the
   * JDK's client refuses to send such a URI.
   */
  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/articles?theme=layoffs%ZZ            | 400 | bad_encoding",
        "/api/articles?q=layoffs%                  | 400 | bad_encoding",
        "/api/articles?q=%E8%A3                    | 400 | bad_encoding",
        "/api/articles.csv?q=%FF                   | 400 | bad_encoding",
        "/api/trends?theme%G0=layoffs              | 400 | bad_encoding",
        "/api/trends?theme=layoffs&theme=gig_work  | 400 | repeated_parameter",
        "/api/articles?q=%E8%A3%81%E5%91%98&limit=5 | 200 |",
        "/api/articles?q=layoffs+AI&&limit=5&      | 200 |",
      })
  void aQueryStringThatCannotBeReadAsWrittenIsRefused(String target, int status, String kind)
      throws IOException {
    try (Socket socket =
        Fixtures.rawRequest(
            harness.port(),
            "GET " + target.strip() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n")) {
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 " + status);
      if (kind != null) {
        JsonNode body = Json.MAPPER.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(body.get("error").asText()).isEqualTo(kind.strip());
        assertThat(body.get("detail").asText()).isNotBlank();
      }
    }
  }

  @Test
  void hugeQueriesAreRefusedBeforeParsing() {
    String deep = "(".repeat(120) + "x" + ")".repeat(120);
    assertThat(get("/api/articles?q=" + enc(deep)).json().get("error").asText())
        .isEqualTo("too_deep");
    String many = "ab ".repeat(100);
    assertThat(get("/api/articles?q=" + enc(many)).json().get("error").asText())
        .isEqualTo("query_too_long");
    // Beyond the server's URI limit the request never reaches a handler.
    String huge = "(".repeat(20_000) + "x" + ")".repeat(20_000);
    assertThat(get("/api/articles?q=" + enc(huge)).status()).isEqualTo(414);
  }

  /**
   * Finding 7: dates near the ends of {@code Instant}'s range, outside 1970–2100, and huge spans
   * are a 400 naming the parameter (or the bucket limit), or a sane 200 — never a 5xx, never
   * buckets outside the range asked for.
   */
  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/trends?theme=layoffs&from=-1000000000-01-01T00:00:00Z           | 400 | from",
        "/api/trends?theme=layoffs&to=%2B1000000000-12-31T23:59:59.999999999Z | 400 | to",
        "/api/trends?theme=layoffs&from=-290308-12-21T19:59:05.225Z           | 400 | from",
        "/api/trends?theme=layoffs&to=%2B292278994-08-17T07:12:55.807Z        | 400 | to",
        "/api/trends?theme=layoffs&from=%2B292278994-08-17T07:12:55.807Z      | 400 | from",
        "/api/trends?theme=layoffs&to=-290308-12-21T19:59:05.225Z             | 400 | to",
        "/api/trends?theme=layoffs&from=1969-12-31T23:59:59.999Z              | 400 | from",
        "/api/trends?theme=layoffs&to=2100-01-01T00:00:00.001Z                | 400 | to",
        "/api/trends?theme=layoffs&from=0001-01-01                            | 400 | from",
        "/api/trends?theme=layoffs&to=9999-12-31                              | 400 | to",
        "/api/trends?theme=layoffs&interval=week&from=1970-01-01&to=2100-01-01 | 400 |"
            + " too_many_buckets",
        "/api/trends?theme=layoffs&interval=hour&from=1970-01-01              | 400 |"
            + " too_many_buckets",
        "/api/trends?theme=layoffs&interval=hour&to=2100-01-01                | 200 |",
        "/api/trends?theme=layoffs&interval=day&from=1970-01-01&to=1975-06-01 | 200 |",
        "/api/trends?theme=layoffs&interval=week&from=2099-01-01&to=2100-01-01 | 200 |",
        "/api/trends?theme=layoffs&interval=hour&from=2025-02-10T23:59:59.999Z | 200 |",
        "/api/articles?from=-1000000000-01-01T00:00:00Z                       | 400 | from",
        "/api/articles?to=%2B1000000000-12-31T23:59:59Z                       | 400 | to",
        "/api/articles?from=1970-01-01&to=2100-01-01                          | 200 |",
        "/api/articles.csv?from=1970-01-01T00:00:00Z&to=2100-01-01T00:00:00Z  | 200 |",
        "/api/articles.csv?to=-0001-01-01T00:00:00Z                           | 400 | to",
      })
  void hostileRangesAreA400NamingTheParameterOrASane200(String path, int status, String named) {
    Response response = get(path.strip());
    assertThat(response.status()).isEqualTo(status);
    if (status == 400) {
      JsonNode body = response.json();
      if (named.strip().equals("too_many_buckets")) {
        assertThat(body.get("error").asText()).isEqualTo("too_many_buckets");
      } else {
        assertThat(body.get("error").asText()).isEqualTo("bad_parameter");
        assertThat(body.get("detail").asText())
            .startsWith(named.strip() + " must be from 1970-01-01 to 2100-01-01, not '");
      }
      return;
    }
    if (!path.startsWith("/api/trends")) {
      return;
    }
    JsonNode buckets = response.json().get("buckets");
    assertThat(buckets.size()).isBetween(1, 2000);
    Instant previous = null;
    for (JsonNode bucket : buckets) {
      Instant start = Instant.parse(bucket.get("start").asText());
      assertThat(start)
          .isBetween(Instant.parse("1969-12-29T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"));
      if (previous != null) {
        assertThat(start).isAfter(previous);
      }
      previous = start;
    }
  }
}
