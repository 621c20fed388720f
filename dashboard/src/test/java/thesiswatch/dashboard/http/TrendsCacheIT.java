package thesiswatch.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.FeedState;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;
import thesiswatch.dashboard.Fixtures;
import thesiswatch.testkit.TestArticles;

/**
 * Trend bodies are reused only while the index reader and the feed coverage they were computed from
 * are current: never a stale body after a refresh, gzip made once and equal to the JSON.
 */
class TrendsCacheIT {

  private static final String DAY =
      "/api/trends?theme=layoffs&interval=day&from=2025-02-08&to=2025-02-12";

  /** The first fixture article: English, tagged layoffs, from the Tech Daily feed. */
  private static final TaggedArticle LAYOFFS = TestArticles.tagged("tagged-small.jsonl").get(0);

  private static TaggedArticle layoffs(int i) {
    Instant time = Instant.parse("2025-02-11T12:00:00Z");
    return Fixtures.at(LAYOFFS, "extra-" + i, "More layoffs " + i, time, time);
  }

  private static long lastCount(JsonNode trends) {
    JsonNode buckets = trends.get("buckets");
    return buckets.get(buckets.size() - 1).get("count").asLong();
  }

  @Test
  void aRefreshIsSeenByTheVeryNextRequestNeverAStaleBody(@TempDir Path dir) {
    try (ApiHarness harness = new ApiHarness(dir, TestArticles.tagged("tagged-small.jsonl"))) {
      String first = Fixtures.get(harness.port(), DAY).body();
      long base = lastCount(Json.read(first, JsonNode.class));
      assertThat(Fixtures.get(harness.port(), DAY).body()).isEqualTo(first);
      for (int i = 1; i <= 30; i++) {
        harness.index().upsert(layoffs(i));
        // Not refreshed yet: not counted, as it is not searchable either.
        assertThat(lastCount(Fixtures.get(harness.port(), DAY).json())).isEqualTo(base + i - 1);
        harness.index().refresh();
        assertThat(lastCount(Fixtures.get(harness.port(), DAY).json()))
            .as("after refresh %d", i)
            .isEqualTo(base + i);
      }
    }
  }

  @Test
  void refreshesUnderConcurrentReadersAreNeverMissed(@TempDir Path dir) throws Exception {
    try (ApiHarness harness = new ApiHarness(dir, TestArticles.tagged("tagged-small.jsonl"))) {
      long base = lastCount(Fixtures.get(harness.port(), DAY).json());
      Fixtures.whileFetching(
          harness.port(),
          DAY,
          4,
          () -> {
            for (int i = 1; i <= 40; i++) {
              harness.index().upsert(layoffs(i));
              harness.index().refresh();
              assertThat(lastCount(Fixtures.get(harness.port(), DAY).json()))
                  .as("after refresh %d", i)
                  .isEqualTo(base + i);
            }
          });
    }
  }

  @Test
  void aCoverageChangeIsSeenAtOnce(@TempDir Path dir) {
    try (ApiHarness harness = new ApiHarness(dir, TestArticles.tagged("tagged-small.jsonl"))) {
      assertThat(Fixtures.get(harness.port(), DAY).body()).doesNotContain("\"incomplete\":true");
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
      assertThat(Fixtures.get(harness.port(), DAY).body()).contains("\"incomplete\":true");
    }
  }

  @Test
  void gzipIsSentWhenAcceptedAndHoldsTheSameJson(@TempDir Path dir) throws Exception {
    try (ApiHarness harness = new ApiHarness(dir, TestArticles.tagged("tagged-small.jsonl"))) {
      String plain = Fixtures.get(harness.port(), DAY).body();
      HttpClient client = HttpClient.newHttpClient();
      for (int i = 0; i < 2; i++) { // computed, then kept
        HttpResponse<byte[]> gzipped =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.port() + DAY))
                    .header("Accept-Encoding", "gzip, deflate")
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gzipped.headers().firstValue("Vary")).contains("Accept-Encoding");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
          assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain);
        }
      }
    }
  }

  @Test
  void acceptEncodingIsReadAsHttpSaysIt() {
    assertThat(ResponseCache.acceptsGzip(null)).isFalse();
    assertThat(ResponseCache.acceptsGzip("br, gzip;q=0.8")).isTrue();
    assertThat(ResponseCache.acceptsGzip("GZIP")).isTrue();
    assertThat(ResponseCache.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(ResponseCache.acceptsGzip("gzip; q=0.0, identity")).isFalse();
    assertThat(ResponseCache.acceptsGzip("deflate, br")).isFalse();
  }

  @Test
  void theCacheKeepsBodiesPerVersionWithinItsBounds() {
    ResponseCache cache = new ResponseCache(2, 1_000);
    AtomicInteger computed = new AtomicInteger();
    java.util.function.Supplier<byte[]> body =
        () -> ("{\"n\":" + computed.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8);
    assertThat(cache.get("a", 1L, body).json())
        .isEqualTo("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(cache.get("a", 1L, body).json())
        .isEqualTo("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
    cache.get("b", 1L, body);
    cache.get("c", 1L, body); // over the entry bound: computed, not kept
    cache.get("c", 1L, body);
    assertThat(computed.get()).isEqualTo(4);
    // A new version: everything computed again.
    assertThat(cache.get("a", 2L, body).json())
        .isEqualTo("{\"n\":5}".getBytes(StandardCharsets.UTF_8));
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.misses()).isEqualTo(5);
    // Over the byte bound: not kept.
    ResponseCache small = new ResponseCache(10, 4);
    small.get("big", 1L, body);
    small.get("big", 1L, body);
    assertThat(small.hits()).isZero();
  }
}
