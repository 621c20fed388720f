package thesiswatch.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.TaggedArticle;
import thesiswatch.dashboard.Fixtures;
import thesiswatch.testkit.TestArticles;

/**
 * Search pages are kept only while the index reader they were read from is current: the newest
 * article is on the very next page after a refresh, a kept page equals a computed one, and a bad
 * query is refused every time.
 */
class SearchCacheIT {

  private static final String NEWEST = "/api/articles?limit=5";
  private static final String CACHED =
      "thesiswatch_dashboard_responses_total{endpoint=\"articles\",outcome=\"cached\"}";
  private static final String COMPUTED =
      "thesiswatch_dashboard_responses_total{endpoint=\"articles\",outcome=\"computed\"}";

  /** The first fixture article: English, tagged layoffs, from the Tech Daily feed. */
  private static final TaggedArticle LAYOFFS = TestArticles.tagged("tagged-small.jsonl").get(0);

  private static TaggedArticle newer(int i) {
    Instant time = Instant.parse("2025-02-28T00:00:00Z").plusSeconds(60L * i);
    return Fixtures.at(LAYOFFS, "newer-" + i, "Layoffs blamed on AI, part " + i, time, time);
  }

  private static String firstId(String pathAndQuery, int port) {
    return Fixtures.get(port, pathAndQuery).json().get("articles").get(0).get("id").asText();
  }

  @Test
  void aKeptPageEqualsTheComputedOneAndIsCounted(@TempDir Path dir) {
    try (ApiHarness harness = new ApiHarness(dir, TestArticles.tagged("tagged-small.jsonl"))) {
      int port = harness.port();
      String first = Fixtures.get(port, NEWEST).body();
      double cached = Fixtures.metric(port, CACHED);
      double computed = Fixtures.metric(port, COMPUTED);
      for (int i = 0; i < 3; i++) {
        assertThat(Fixtures.get(port, NEWEST).body()).isEqualTo(first);
      }
      assertThat(Fixtures.metric(port, CACHED)).isEqualTo(cached + 3);
      assertThat(Fixtures.metric(port, COMPUTED)).isEqualTo(computed);
      // Another page, another order or another query is another entry, never the first's body.
      String next = Fixtures.get(port, NEWEST).json().get("nextCursor").asText();
      assertThat(Fixtures.get(port, NEWEST + "&cursor=" + next).body()).isNotEqualTo(first);
      assertThat(Fixtures.get(port, NEWEST + "&q=layoffs").body()).isNotEqualTo(first);
      assertThat(Fixtures.metric(port, COMPUTED)).isEqualTo(computed + 2);
    }
  }

  @Test
  void aRefreshIsSeenByTheVeryNextPageNeverAStaleOne(@TempDir Path dir) {
    try (ApiHarness harness = new ApiHarness(dir, TestArticles.tagged("tagged-small.jsonl"))) {
      int port = harness.port();
      String before = firstId(NEWEST, port);
      for (int i = 1; i <= 20; i++) {
        harness.index().upsert(newer(i));
        // Not refreshed yet: not searchable, so the kept page is still the right one.
        assertThat(firstId(NEWEST, port)).isEqualTo(i == 1 ? before : "newer-" + (i - 1));
        harness.index().refresh();
        assertThat(firstId(NEWEST, port)).as("after refresh %d", i).isEqualTo("newer-" + i);
        assertThat(firstId(NEWEST + "&q=layoffs", port)).isEqualTo("newer-" + i);
      }
    }
  }

  @Test
  void refreshesUnderConcurrentReadersAreNeverMissed(@TempDir Path dir) throws Exception {
    try (ApiHarness harness = new ApiHarness(dir, TestArticles.tagged("tagged-small.jsonl"))) {
      int port = harness.port();
      Fixtures.whileFetching(
          port,
          NEWEST,
          4,
          () -> {
            for (int i = 1; i <= 30; i++) {
              harness.index().upsert(newer(i));
              harness.index().refresh();
              assertThat(firstId(NEWEST, port)).as("after refresh %d", i).isEqualTo("newer-" + i);
            }
          });
    }
  }

  @Test
  void aBadQueryIsRefusedEveryTimeAndKeptNowhere(@TempDir Path dir) {
    try (ApiHarness harness = new ApiHarness(dir, TestArticles.tagged("tagged-small.jsonl"))) {
      int port = harness.port();
      for (String[] query :
          List.of(
              new String[] {"*ple", "leading_wildcard"},
              new String[] {"*ple", "leading_wildcard"},
              new String[] {"the", "no_search_terms"},
              new String[] {"the", "no_search_terms"})) {
        Fixtures.Response refused = Fixtures.get(port, "/api/articles?q=" + query[0]);
        assertThat(refused.status()).as(query[0]).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).isEqualTo(query[1]);
      }
      assertThat(Fixtures.metric(port, CACHED)).isZero();
    }
  }
}
