package thesiswatch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.classifier.kafka.BatchTagger;
import thesiswatch.classifier.match.ThemeMatcher;
import thesiswatch.classifier.themes.ThemeSet;
import thesiswatch.common.Article;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeCatalog;
import thesiswatch.common.Topics;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.dashboard.score.Scorecard;

/**
 * The offline demo's sample feeds, parsed, tagged with the shipped themes and indexed as the
 * pipeline does (without Kafka), give the scorecard what {@code seeds/samples/README.md} promises:
 * one claim borne out, one contested, one not borne out. A change to the themes or the samples that
 * moves a verdict shows here, and the README must then say so.
 */
class SampleScorecardTest {

  private static final Path SEEDS = Path.of("../seeds");

  /** After the samples' last item, so the essay's year is complete. */
  private static final Instant FETCHED = Instant.parse("2025-06-01T00:00:00Z");

  @Test
  void theSamplesShowAClaimBorneOutOneContestedAndOneNotBorneOut(@TempDir Path dir)
      throws Exception {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    for (Article article : SampleFeeds.articles(SEEDS.resolve("samples"), FETCHED)) {
      records.add(
          new ConsumerRecord<>(Topics.ARTICLES, 0, records.size(), null, Json.bytes(article)));
    }
    assertThat(records).hasSizeGreaterThan(700);

    List<TaggedArticle> tagged;
    try (ThemeMatcher matcher = ThemeMatcher.of(ThemeSet.load(SEEDS.resolve("themes.yml")))) {
      tagged = new BatchTagger(Topics.DEFAULTS).tag(records, matcher, FETCHED).tagged();
    }
    Map<String, String> verdicts;
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      tagged.forEach(index::upsert);
      index.refresh();
      Scorecard scorecard =
          new Scorecard(
              index,
              ThemeCatalog.load(SEEDS.resolve("themes.yml")),
              Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
      verdicts =
          scorecard.compute().claims().stream()
              .collect(Collectors.toMap(Scorecard.Claim::theme, Scorecard.Claim::verdict));
    }
    assertThat(verdicts)
        .containsEntry("layoffs", "bears_out")
        .containsEntry("compute_monopoly", "contested")
        .containsEntry("vc_funding", "not_borne_out");
  }
}
