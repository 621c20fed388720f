package thesiswatch.dashboard.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeCatalog;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.testkit.TestArticles;
import thesiswatch.testkit.TestThemes;

/** The scorecard over a real index: as of the clock, and the same track record on every replay. */
class ScorecardTest {

  static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

  private static List<TrackRecord.Entry> trackRecord(Path dir, List<TaggedArticle> articles) {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      articles.forEach(index::upsert);
      index.refresh();
      Scorecard card =
          new Scorecard(
              index, ThemeCatalog.load(TestThemes.file()), Clock.fixed(NOW, ZoneOffset.UTC));
      return card.trackRecord();
    }
  }

  @Test
  void aReplayOfHistoryInAnyOrderProducesTheSameTrackRecord(
      @TempDir Path first, @TempDir Path second) {
    List<TaggedArticle> articles = new ArrayList<>(TestArticles.tagged("tagged-spike.jsonl"));
    List<TrackRecord.Entry> once = trackRecord(first, articles);
    Collections.shuffle(articles, new Random(7));
    // Replayed twice over, as a rebuild after a crash would: every id once, whatever the order.
    List<TaggedArticle> twice = new ArrayList<>(articles);
    twice.addAll(articles.subList(0, articles.size() / 2));
    assertThat(trackRecord(second, twice)).isEqualTo(once);
    // Months 2024-07 .. 2025-06 and ISO weeks from 2024-W27 for each of the five claims.
    assertThat(once)
        .filteredOn(e -> e.theme().equals("layoffs") && e.granularity().equals(TrackRecord.MONTH))
        .extracting(TrackRecord.Entry::period)
        .hasSize(12)
        .startsWith("2024-07")
        .endsWith("2025-06");
    assertThat(once)
        .extracting(TrackRecord.Entry::theme)
        .containsOnly(
            "layoffs", "compute_monopoly", "gig_work", "one_person_company", "vc_funding");
  }

  @Test
  void theScorecardIsAsOfTheClockNotOfTheNewestArticle(@TempDir Path dir) {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      TestArticles.tagged("tagged-small.jsonl").forEach(index::upsert);
      index.refresh();
      Scorecard card =
          new Scorecard(
              index, ThemeCatalog.load(TestThemes.file()), Clock.fixed(NOW, ZoneOffset.UTC));
      Scorecard.Result result = card.compute();
      assertThat(result.asOf()).isEqualTo(NOW);
      assertThat(result.claims().get(0).window())
          .containsEntry("asOf", java.time.LocalDate.of(2025, 6, 15));
    }
  }
}
