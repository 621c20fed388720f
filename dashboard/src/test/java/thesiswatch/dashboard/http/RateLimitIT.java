package thesiswatch.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.dashboard.Fixtures;
import thesiswatch.dashboard.Fixtures.Response;
import thesiswatch.dashboard.HandClock;
import thesiswatch.testkit.TestArticles;

/** Query floods: searches per client and minute are capped with a 429. */
class RateLimitIT {

  @Test
  void theLimitCountsPerClientAndMinute() {
    HandClock clock = new HandClock(Instant.parse("2025-02-10T10:00:05Z"));
    RateLimit limit = new RateLimit(2, clock);
    assertThat(List.of(limit.allow("a"), limit.allow("a"), limit.allow("a"), limit.allow("b")))
        .containsExactly(true, true, false, true);
    clock.set(Instant.parse("2025-02-10T10:01:00Z"));
    assertThat(limit.allow("a")).isTrue();
    assertThat(new RateLimit(0, clock).allow("a")).isTrue();
  }

  @Test
  void aFloodGets429WithJson(@TempDir Path dir) {
    // The harness's clock stands still, so all four requests share one calendar minute.
    try (ApiHarness harness = new ApiHarness(dir, TestArticles.tagged("tagged-small.jsonl"), 3)) {
      for (int i = 0; i < 3; i++) {
        assertThat(Fixtures.get(harness.port(), "/api/articles?q=layoffs").status()).isEqualTo(200);
      }
      // The same search again is refused though its page is kept: the limit comes first.
      assertThat(Fixtures.get(harness.port(), "/api/articles?q=layoffs").status()).isEqualTo(429);
      Response refused = Fixtures.get(harness.port(), "/api/articles.csv?q=layoffs");
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.header("Retry-After")).isEqualTo("60");
      assertThat(refused.json().get("error").asText()).isEqualTo("rate_limited");
      assertThat(Fixtures.get(harness.port(), "/api/trends?theme=layoffs").status()).isEqualTo(200);
    }
  }
}
