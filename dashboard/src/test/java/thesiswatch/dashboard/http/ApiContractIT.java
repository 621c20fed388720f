package thesiswatch.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import thesiswatch.common.FeedState;
import thesiswatch.dashboard.Fixtures;
import thesiswatch.dashboard.Fixtures.Response;
import thesiswatch.dashboard.alert.Alert;
import thesiswatch.testkit.TestArticles;

/**
 * The API as people expect it (issue 16 items 6 and 7): an OpenAPI document that matches the route
 * table, 405 with Allow for a wrong method, SSE without an Accept header, the sources and the
 * values source= and lang= may take, alert filters and honest ratios, and feed health without
 * ingest's internals.
 */
class ApiContractIT {

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

  private static HttpResponse<String> send(String method, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static Set<String> documentedPaths() {
    JsonNode doc = get("/api/openapi.json").json();
    Set<String> paths = new TreeSet<>();
    doc.get("paths").fieldNames().forEachRemaining(paths::add);
    return paths;
  }

  @Test
  void theOpenApiDocumentNamesEveryRouteServedAndNothingElse() {
    Response response = get("/api/openapi.json");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    JsonNode doc = response.json();
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    assertThat(doc.get("info").get("title").asText()).isNotBlank();

    // Every GET handler on the server is in the document, and the document names only those.
    Set<String> servedGets = new TreeSet<>();
    for (String route : harness.api().servedRoutes()) {
      if (route.startsWith("GET ")) {
        servedGets.add(route.substring(4));
      }
    }
    assertThat(documentedPaths()).isEqualTo(servedGets);
    assertThat(servedGets)
        .contains(
            "/health",
            "/api/articles",
            "/api/alerts",
            "/api/feeds",
            "/api/sources",
            "/api/stream",
            "/api/openapi.json",
            "/api/scorecard/{theme}");
    // Every operation has a summary and answers with 200 in the document.
    doc.get("paths")
        .forEach(
            item -> {
              assertThat(item.get("get").get("summary").asText()).isNotBlank();
              assertThat(item.get("get").get("responses").has("200")).isTrue();
            });
    assertThat(doc.get("paths").get("/api/alerts").get("get").get("parameters").toString())
        .contains("\"theme\"", "\"from\"", "\"to\"", "\"limit\"");
  }

  @Test
  void everyDocumentedRouteIsServed() throws Exception {
    for (String path : documentedPaths()) {
      if (path.equals("/api/stream")) {
        continue; // answered below: it does not end
      }
      String concrete = path.replace("{theme}", "layoffs");
      Response response = get(concrete);
      assertThat(response.status()).as(concrete).isEqualTo(200);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "POST, /api/articles",
    "PUT, /api/themes",
    "DELETE, /api/alerts",
    "PATCH, /api/feeds",
    "POST, /api/scorecard/layoffs",
    "POST, /health",
    "TRACE, /api/themes"
  })
  void aWrongMethodOnAKnownRouteIsA405NamingTheAllowedOne(String method, String path)
      throws Exception {
    HttpResponse<String> response = send(method, path);
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    JsonNode body = thesiswatch.common.Json.MAPPER.readTree(response.body());
    assertThat(body.get("error").asText()).isEqualTo("method_not_allowed");
    assertThat(body.get("detail").asText()).contains(method).contains("GET");
  }

  @Test
  void optionsOnAKnownRouteSaysWhatItAnswers() throws Exception {
    // It found no route and was a 404 "no such endpoint" for a route that exists.
    for (String path : List.of("/api/themes", "/api/scorecard/layoffs", "/metrics")) {
      HttpResponse<String> response = send("OPTIONS", path);
      assertThat(response.statusCode()).as(path).isEqualTo(204);
      assertThat(response.headers().firstValue("Allow")).as(path).hasValue("GET");
    }
  }

  /**
   * Requests Jetty refuses before any route sees them were answered with its HTML page; they get
   * the API's JSON error too, with a kind a client can tell apart.
   */
  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "400, bad_request, GET /api/scorecard/%00 HTTP/1.1",
    "400, bad_request, GET /api/..%2f..%2fetc/passwd HTTP/1.1",
    "414, uri_too_long, GET /api/articles?q=LONG HTTP/1.1",
    "431, headers_too_large, GET /api/themes HTTP/1.1\\r\\nX-Padding: LONG"
  })
  void aRequestRefusedBeforeAnyRouteIsAnsweredInJson(int status, String kind, String head)
      throws IOException {
    String request =
        head.replace("\\r\\n", "\r\n").replace("LONG", "a".repeat(20_000))
            + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    try (Socket socket = Fixtures.rawRequest(harness.port(), request)) {
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 " + status);
      assertThat(response.toLowerCase()).contains("content-type: application/json");
      JsonNode body =
          thesiswatch.common.Json.MAPPER.readTree(
              response.substring(response.indexOf("\r\n\r\n") + 4));
      assertThat(body.get("error").asText()).isEqualTo(kind);
      assertThat(body.get("detail").asText()).isNotBlank();
    }
  }

  @Test
  void anUnknownRouteStaysA404() throws Exception {
    assertThat(send("POST", "/api/nope").statusCode()).isEqualTo(404);
    assertThat(get("/api/nope").status()).isEqualTo(404);
  }

  /**
   * As {@code curl -N http://…/api/stream} asks (accepting any type), with no Accept header at all,
   * or as a browser tab asks for a page.
   */
  @ParameterizedTest(name = "[{0}]")
  @CsvSource({"''", "'Accept: */*\r\n'", "'Accept: text/html,*/*;q=0.8\r\n'"})
  void theStreamAnswersWhateverTheAcceptHeader(String accept) throws IOException {
    try (Socket socket =
        Fixtures.rawRequest(
            harness.port(),
            "GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: curl/8.5.0\r\n"
                + accept.replace("\\r\\n", "\r\n"))) {
      String head = readUntil(socket.getInputStream(), "event: hello\ndata: ");
      assertThat(head).startsWith("HTTP/1.1 200");
      assertThat(head.toLowerCase()).contains("content-type: text/event-stream");
    }
  }

  private static String readUntil(InputStream in, String marker) throws IOException {
    StringBuilder seen = new StringBuilder();
    while (seen.indexOf(marker) < 0) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("stream ended before '" + marker + "': " + seen);
      }
      seen.append((char) b);
    }
    return seen.toString();
  }

  @Test
  void sourcesListWhatTheIndexHoldsWithCounts() {
    JsonNode body = get("/api/sources").json();
    assertThat(body.get("sources").toString())
        .isEqualTo(
            "[{\"source\":\"Tech Daily\",\"articles\":6},"
                + "{\"source\":\"Business Wire Example\",\"articles\":3},"
                + "{\"source\":\"科技日报\",\"articles\":3}]");
    assertThat(body.get("languages").toString())
        .isEqualTo("[{\"lang\":\"en\",\"articles\":9},{\"lang\":\"zh\",\"articles\":3}]");
    // Each listed source is a filter that finds exactly its articles.
    for (JsonNode source : body.get("sources")) {
      String name = source.get("source").asText();
      JsonNode page =
          get("/api/articles?limit=50&source="
                  + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8))
              .json();
      assertThat(page.get("total").asLong()).as(name).isEqualTo(source.get("articles").asLong());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/articles?source=Nowhere%20Daily | unknown_source | source must be one of"
            + " [Business Wire Example, Tech Daily, 科技日报], not 'Nowhere Daily'",
        "/api/trends?theme=layoffs&source=nope | unknown_source | source must be one of"
            + " [Business Wire Example, Tech Daily, 科技日报], not 'nope'",
        "/api/articles.csv?source=nope | unknown_source | source must be one of",
        "/api/articles?lang=fr | unknown_lang | lang must be one of [en, zh], not 'fr'",
        "/api/trends?theme=layoffs&lang=de | unknown_lang | lang must be one of [en, zh], not 'de'",
        "/api/alerts?theme=nope | unknown_theme | theme must be one of",
        "/api/alerts?from=2025-02-10&to=2025-02-01 | bad_parameter | from must be before to",
        "/api/alerts?from=soon | bad_parameter | from must be an ISO-8601 instant",
      })
  void anUnknownValueIsA400NamingWhatIsAllowed(String path, String kind, String detail) {
    Response response = get(path.strip());
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("error").asText()).isEqualTo(kind.strip());
    assertThat(response.json().get("detail").asText()).startsWith(detail.strip());
  }

  @Test
  void knownLanguagesAndSourcesStillFilter() {
    assertThat(get("/api/articles?lang=zh").json().get("total").asLong()).isEqualTo(3);
    assertThat(get("/api/articles?lang=zh-CN").json().get("total").asLong()).isEqualTo(3);
    assertThat(get("/api/trends?theme=layoffs&lang=en&source=Tech%20Daily").status())
        .isEqualTo(200);
  }

  private static Alert alert(String theme, String day, long count, double baseline) {
    Instant start = Instant.parse(day + "T00:00:00Z");
    double ratio = Math.round(count / Math.max(baseline, 1.0) * 1000) / 1000.0;
    return new Alert(
        Alert.idOf(theme, "day", start),
        theme,
        "day",
        start,
        start.plus(Duration.ofDays(1)),
        count,
        baseline,
        ratio,
        1e-4,
        Instant.parse(day + "T23:00:00Z"),
        false);
  }

  @Test
  void alertsFilterByThemeAndPeriodAndCarryTheBaselineTheirRatioDividesBy() {
    harness.addAlert(alert("layoffs", "2025-02-10", 7, 0.857));
    harness.addAlert(alert("layoffs", "2025-02-05", 6, 2.0));
    harness.addAlert(alert("gig_work", "2025-02-08", 5, 0.5));

    List<String> all = ids(get("/api/alerts").json());
    assertThat(all)
        .containsExactly(
            "layoffs:day:2025-02-10T00:00:00Z",
            "gig_work:day:2025-02-08T00:00:00Z",
            "layoffs:day:2025-02-05T00:00:00Z");
    assertThat(ids(get("/api/alerts?theme=layoffs").json()))
        .containsExactly("layoffs:day:2025-02-10T00:00:00Z", "layoffs:day:2025-02-05T00:00:00Z");
    assertThat(ids(get("/api/alerts?from=2025-02-06&to=2025-02-10").json()))
        .containsExactly("gig_work:day:2025-02-08T00:00:00Z");
    // A period overlapping the range counts: the day of 2025-02-10 overlaps [02-10T12:00, …).
    assertThat(ids(get("/api/alerts?theme=layoffs&from=2025-02-10T12:00:00Z").json()))
        .containsExactly("layoffs:day:2025-02-10T00:00:00Z");
    assertThat(ids(get("/api/alerts?theme=layoffs&limit=1").json()))
        .containsExactly("layoffs:day:2025-02-10T00:00:00Z");
    assertThat(ids(get("/api/alerts?theme=vc_funding").json())).isEmpty();

    for (JsonNode alert : get("/api/alerts").json().get("alerts")) {
      double shownRatio = alert.get("ratio").asDouble();
      double divisor = alert.get("ratioBaseline").asDouble();
      assertThat(divisor)
          .isEqualTo(
              Math.max(alert.get("baseline").asDouble(), alert.get("baselineFloor").asDouble()));
      assertThat(shownRatio).isCloseTo(alert.get("count").asDouble() / divisor, within(0.001));
    }
    JsonNode first = get("/api/alerts?theme=layoffs&limit=1").json().get("alerts").get(0);
    // "×7 (baseline 0.857)": the ratio divides by the floor 1.0, which the API says.
    assertThat(first.get("ratio").asDouble()).isEqualTo(7.0);
    assertThat(first.get("baseline").asDouble()).isEqualTo(0.857);
    assertThat(first.get("ratioBaseline").asDouble()).isEqualTo(1.0);
    // The count at detection beside the count the chart shows for the same day now.
    assertThat(first.get("count").asLong()).isEqualTo(7);
    assertThat(first.get("countNow").asLong()).isEqualTo(2);
    JsonNode day =
        get("/api/trends?theme=layoffs&interval=day&from=2025-02-10&to=2025-02-11")
            .json()
            .get("buckets")
            .get(0);
    assertThat(day.get("count").asLong()).isEqualTo(first.get("countNow").asLong());
  }

  private static org.assertj.core.data.Offset<Double> within(double offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }

  private static List<String> ids(JsonNode body) {
    List<String> ids = new ArrayList<>();
    body.get("alerts").forEach(a -> ids.add(a.get("id").asText()));
    return ids;
  }

  private static FeedState state(
      String url, String status, int errors, Instant lastAttempt, Instant nextPoll) {
    return new FeedState(
        url,
        "Feed " + url.substring(url.lastIndexOf('/') + 1),
        status,
        "\"etag-secret\"",
        "Sat, 01 Mar 2025 00:00:00 GMT",
        errors,
        lastAttempt,
        FeedState.FAILING.equals(status) ? null : lastAttempt,
        errors > 0 ? "timeout" : null,
        errors > 0 ? "no answer in 20s" : null,
        nextPoll,
        40,
        List.of("seen-id-0001", "seen-id-0002", "seen-id-0003"));
  }

  @Test
  void feedHealthShowsFailingFirstWithASummaryTheNextRetryAndNoInternals() {
    Instant now = ApiHarness.NOW;
    String base = "https://feeds.test/";
    harness
        .feeds()
        .update(state(base + "a-ok", FeedState.OK, 0, now.minusSeconds(60), now.plusSeconds(600)));
    harness
        .feeds()
        .update(
            state(
                base + "b-failing",
                FeedState.FAILING,
                3,
                now.minusSeconds(60),
                now.plusSeconds(900)));
    harness
        .feeds()
        .update(
            state(
                base + "c-failing",
                FeedState.FAILING,
                1,
                now.minusSeconds(30),
                now.plusSeconds(300)));
    harness
        .feeds()
        .update(state(base + "d-disabled", FeedState.DISABLED, 0, now.minusSeconds(60), null));
    // Due two hours ago, last fetched before that: ingest no longer polls it.
    harness
        .feeds()
        .update(
            state(
                base + "e-removed",
                FeedState.FAILING,
                7,
                now.minus(Duration.ofHours(3)),
                now.minus(Duration.ofHours(2))));
    // A feed whose compacted record was deleted (a tombstone) is gone from the list.
    harness
        .feeds()
        .update(state(base + "f-tombstoned", FeedState.FAILING, 2, now, now.plusSeconds(60)));
    harness.feeds().remove(base + "f-tombstoned");

    Response response = get("/api/feeds");
    assertThat(response.body())
        .doesNotContain("seen-id-")
        .doesNotContain("seenIds")
        .doesNotContain("etag")
        .doesNotContain("f-tombstoned");
    JsonNode body = response.json();
    List<String> order = new ArrayList<>();
    Set<String> statuses = new HashSet<>();
    for (JsonNode feed : body.get("feeds")) {
      if (feed.get("url").asText().startsWith(base)) {
        order.add(feed.get("url").asText().substring(base.length()));
        statuses.add(feed.get("status").asText());
      }
    }
    assertThat(order).containsExactly("b-failing", "c-failing", "e-removed", "a-ok", "d-disabled");
    JsonNode summary = body.get("summary");
    assertThat(summary.get("failing").asInt()).isEqualTo(2);
    assertThat(summary.get("stale").asInt()).isEqualTo(1);
    assertThat(summary.get("ok").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(summary.get("disabled").asInt()).isEqualTo(1);
    assertThat(summary.get("pending").asInt()).isZero();
    assertThat(summary.get("total").asInt()).isEqualTo(body.get("feeds").size());
    assertThat(body.get("nextRetry").asText()).isEqualTo(now.plusSeconds(300).toString());
    JsonNode removed = body.get("feeds").get(2);
    assertThat(removed.get("status").asText()).isEqualTo("stale");
    assertThat(removed.get("note").asText()).contains("no longer in the feed list");
    JsonNode failing = body.get("feeds").get(0);
    assertThat(failing.get("nextPoll").asText()).isEqualTo(now.plusSeconds(900).toString());
    assertThat(failing.get("lastErrorKind").asText()).isEqualTo("timeout");
    assertThat(body.has("outages")).isTrue();
  }
}
