package thesiswatch.dashboard.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeCatalog;
import thesiswatch.dashboard.Fixtures;
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

  @Test
  void windowsAreWholeDaysOfTheZoneAskedFor(@TempDir Path dir) {
    TaggedArticle model = TestArticles.tagged("tagged-small.jsonl").get(0);
    String theme = model.themes().get(0).id();
    // New Year's Eve at 20:00 UTC is already 2025-01-01 in Shanghai: inside the essay's year there,
    // in the baseline's last day in UTC.
    Instant newYearInShanghai = Instant.parse("2024-12-31T20:00:00Z");
    Instant march = Instant.parse("2025-03-01T00:00:00Z");
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.upsert(Fixtures.at(model, "eve", "On the eve", newYearInShanghai, newYearInShanghai));
      index.upsert(Fixtures.at(model, "march", "In March", march, march));
      index.refresh();
      Scorecard card =
          new Scorecard(
              index, ThemeCatalog.load(TestThemes.file()), Clock.fixed(NOW, ZoneOffset.UTC));

      Scorecard.Claim utc = claim(card.compute(), theme);
      Scorecard.Result shanghaiCard = card.compute(ZoneId.of("Asia/Shanghai"));
      Scorecard.Claim shanghai = claim(shanghaiCard, theme);

      assertThat(card.compute().tz()).isEqualTo("UTC");
      assertThat(shanghaiCard.tz()).isEqualTo("Asia/Shanghai");
      assertThat(themed(utc)).isEqualTo(1);
      assertThat(themed(shanghai)).isEqualTo(2);
      assertThat(utc.baseline().get("articles")).isEqualTo(1L);
      assertThat(shanghai.baseline().get("articles")).isEqualTo(0L);
      // The evidence's search link names the zone, so it finds the same days' articles.
      assertThat(shanghai.evidence().search().get("supports")).containsEntry("tz", "Asia/Shanghai");
      assertThat(utc.evidence().search().get("supports")).doesNotContainKey("tz");
    }
  }

  private static Scorecard.Claim claim(Scorecard.Result result, String theme) {
    return result.claims().stream().filter(c -> c.theme().equals(theme)).findFirst().orElseThrow();
  }

  private static long themed(Scorecard.Claim claim) {
    return claim.supporting() + claim.challenging() + claim.neutral();
  }
}
