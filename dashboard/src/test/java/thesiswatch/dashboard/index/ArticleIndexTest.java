package thesiswatch.dashboard.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;
import thesiswatch.dashboard.Fixtures;

/** The index on its own: replace by id, positions and states only as durable as the commit, bucket counts. */
class ArticleIndexTest {

  private static TaggedArticle retag(TaggedArticle a, List<ThemeMatch> themes) {
    return new TaggedArticle(a.schemaVersion(), a.id(), a.guid(), a.title(), a.link(), a.summary(), a.published(),
        a.fetched(), a.lang(), a.feedUrl(), a.feedTitle(), a.sources(), themes, "v2", a.classified());
  }

  @Test
  void aNewerRecordForAnIdReplacesTheOlder(@TempDir Path dir) {
    List<TaggedArticle> articles = Fixtures.tagged("tagged-small.jsonl");
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      articles.forEach(index::upsert);
      index.upsert(retag(articles.get(0), List.of(new ThemeMatch("vc_funding", 1.0, "neutral", List.of(), null))));
      index.refresh();
      assertThat(index.size()).isEqualTo(12);
      assertThat(index.count(ArticleFilter.ALL.withTheme("layoffs"))).isEqualTo(4);
      assertThat(index.count(ArticleFilter.ALL.withTheme("vc_funding"))).isEqualTo(3);
    }
  }

  @Test
  void onlyCommittedPositionsAndStatesSurviveAReopen(@TempDir Path dir) {
    List<TaggedArticle> articles = Fixtures.tagged("tagged-small.jsonl");
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      for (int i = 0; i < 6; i++) {
        index.upsert(articles.get(i), "articles.tagged", i % 3, 100 + i);
      }
      index.putState("alerts", "[\"one\"]");
      index.commit();
      for (int i = 6; i < 12; i++) {
        index.upsert(articles.get(i), "articles.tagged", i % 3, 100 + i);
      }
      index.putState("alerts", "[\"one\",\"two\"]");
      // closed without a commit, as a crash would leave it
    }
    try (ArticleIndex reopened = ArticleIndex.open(dir)) {
      reopened.refresh();
      assertThat(reopened.size()).isEqualTo(6);
      assertThat(reopened.positions("articles.tagged")).isEqualTo(Map.of(0, 103L, 1, 104L, 2, 105L));
      assertThat(reopened.positions("other")).isEmpty();
      assertThat(reopened.state("alerts")).contains("[\"one\"]");
    }
  }

  @Test
  void bucketsCountThemeAndTotalFromDocValues(@TempDir Path dir) {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      Fixtures.tagged("tagged-small.jsonl").forEach(index::upsert);
      index.refresh();
      long[][] counted = index.countBuckets(ArticleFilter.ALL.withTheme("layoffs"), Interval.DAY,
          Instant.parse("2025-02-09T13:00:00Z"), Instant.parse("2025-02-12T00:00:00Z"));
      assertThat(counted[0]).containsExactly(1, 2, 1);
      assertThat(counted[1]).containsExactly(2, 3, 3);
      long[][] chinese = index.countBuckets(new ArticleFilter(null, null, "zh", null, null, null), Interval.WEEK,
          Instant.parse("2025-02-03T00:00:00Z"), Instant.parse("2025-02-17T00:00:00Z"));
      assertThat(chinese[0]).containsExactly(1, 2);
      assertThat(index.timeRange().orElseThrow())
          .containsExactly(Instant.parse("2025-02-05T10:00:00Z"), Instant.parse("2025-02-11T11:00:00Z"));
    }
  }

  @Test
  void weeksStartOnMondayInUtc() {
    assertThat(Interval.WEEK.floor(Instant.parse("2025-02-09T23:59:59Z"))).isEqualTo(Instant.parse("2025-02-03T00:00:00Z"));
    assertThat(Interval.WEEK.floor(Instant.parse("2025-02-10T00:00:00Z"))).isEqualTo(Instant.parse("2025-02-10T00:00:00Z"));
    assertThat(Interval.WEEK.floor(Instant.parse("1969-12-31T12:00:00Z"))).isEqualTo(Instant.parse("1969-12-29T00:00:00Z"));
    assertThat(Interval.HOUR.floor(Instant.parse("2025-02-10T09:59:59Z"))).isEqualTo(Instant.parse("2025-02-10T09:00:00Z"));
  }
}
