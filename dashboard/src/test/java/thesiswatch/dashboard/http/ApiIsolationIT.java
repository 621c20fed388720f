package thesiswatch.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.dashboard.Fixtures;
import thesiswatch.dashboard.score.Scorecard;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.TestArticles;

/**
 * Finding 16: {@code /health} and {@code /ready} do not share threads with the API's work. With
 * every API thread held and its queue full, they (and {@code /metrics}) still answer; one more API
 * request is a 503 with {@code Retry-After}, not a wait; once the work is released every held
 * request is answered.
 */
class ApiIsolationIT {

  @TempDir Path dir;

  @Test
  void healthAndReadyAnswerWhileEveryApiThreadIsHeld() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger entered = new AtomicInteger();
    try (ApiHarness harness =
        new ApiHarness(
            dir,
            TestArticles.tagged("tagged-small.jsonl"),
            0,
            new ApiHarness.Streams(8, Duration.ofSeconds(15)),
            () -> {
              entered.incrementAndGet();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new Scorecard.Result(java.time.Instant.EPOCH, "UTC", "held", List.of());
            })) {
      int port = harness.port();
      HttpClient client = HttpClient.newHttpClient();
      int threads = ApiHarness.API_THREADS;
      int queue = threads * ApiPool.QUEUE_PER_THREAD;
      List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
      for (int i = 0; i < threads + queue; i++) {
        held.add(
            client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/scorecard"))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      Await.until("every API thread held", () -> entered.get() == threads);
      Await.until(
          "the API queue full",
          () -> Fixtures.metric(port, "thesiswatch_dashboard_api_queued") == queue);

      assertThat(Fixtures.get(port, "/health").body()).isEqualTo("{\"status\":\"up\"}");
      assertThat(Fixtures.get(port, "/ready").body()).isEqualTo("{\"status\":\"ready\"}");
      assertThat(Fixtures.metric(port, "thesiswatch_dashboard_api_active")).isEqualTo(threads);
      Fixtures.Response busy = Fixtures.get(port, "/api/articles.csv?q=layoffs");
      assertThat(busy.status()).isEqualTo(503);
      assertThat(busy.header("Retry-After")).isEqualTo("1");
      assertThat(busy.json().get("error").asText()).isEqualTo("busy");

      release.countDown();
      for (CompletableFuture<HttpResponse<String>> response : held) {
        assertThat(response.get().statusCode()).isEqualTo(200);
        assertThat(response.get().body())
            .isEqualTo(
                "{\"asOf\":\"1970-01-01T00:00:00Z\",\"tz\":\"UTC\",\"themeSetVersion\":\"held\",\"claims\":[]}");
      }
      assertThat(Fixtures.get(port, "/api/articles.csv?q=layoffs").status()).isEqualTo(200);
    }
  }
}
