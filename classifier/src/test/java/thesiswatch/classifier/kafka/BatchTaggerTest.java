package thesiswatch.classifier.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import thesiswatch.classifier.Fixtures;
import thesiswatch.classifier.match.Classification;
import thesiswatch.classifier.match.Headline;
import thesiswatch.classifier.match.ThemeMatcher;
import thesiswatch.classifier.themes.QueryLimits;
import thesiswatch.classifier.themes.ThemeSet;
import thesiswatch.common.Article;
import thesiswatch.common.BackfillOrigin;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;
import thesiswatch.common.Topics;

/**
 * One batch, without Kafka: a record whose tagging throws is dead-lettered alone, and what the
 * tagger makes is bounded whatever the record held.
 */
class BatchTaggerTest {

  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  final BatchTagger tagger = new BatchTagger(Topics.DEFAULTS);

  static ConsumerRecord<String, byte[]> record(long offset, String key, byte[] value) {
    return new ConsumerRecord<>(Topics.DEFAULTS.articles(), 0, offset, key, value);
  }

  static ConsumerRecord<String, byte[]> record(long offset, Article article) {
    return record(offset, article.id(), Json.bytes(article));
  }

  @Test
  void aRecordWhoseTaggingThrowsIsDeadLetteredAloneAndTheOthersAreTagged() {
    BatchTagger.Matching overflowsOnBoom =
        new BatchTagger.Matching() {
          @Override
          public List<Classification> classifyAll(List<Headline> headlines) {
            List<Classification> result = new ArrayList<>();
            for (Headline headline : headlines) {
              result.add(classify(headline));
            }
            return result;
          }

          @Override
          public Classification classify(Headline headline) {
            if (headline.title().contains("boom")) {
              throw new StackOverflowError();
            }
            return new Classification("en", false, List.of());
          }

          @Override
          public String version() {
            return "v1";
          }
        };
    List<ConsumerRecord<String, byte[]>> batch =
        List.of(
            record(0, Fixtures.article("a", "First headline")),
            record(1, Fixtures.article("b", "A boom headline")),
            record(2, "tombstone", null),
            record(3, "empty", new byte[0]),
            record(4, Fixtures.article("c", "Last headline")));

    BatchTagger.Output output = tagger.tag(batch, overflowsOnBoom, NOW);

    assertThat(output.tagged()).extracting(TaggedArticle::id).containsExactly("a", "c");
    assertThat(output.deadLetters())
        .extracting(BatchTagger.DeadLetter::kind)
        .containsExactly("empty", "empty", "tagging_failed");
    ProducerRecord<String, byte[]> boom = output.deadLetters().get(2).record();
    assertThat(boom.key()).isEqualTo("b");
    assertThat(boom.topic()).isEqualTo(Topics.dlq(Topics.DEFAULTS.articles()));
    assertThat(header(boom, DeadLetters.ERROR_MESSAGE))
        .isEqualTo("tagging failed: java.lang.StackOverflowError");
    assertThat(header(boom, DeadLetters.SOURCE_OFFSET)).isEqualTo("1");
  }

  @Test
  void aTaggedRecordIsBoundedWhateverTheArticleHeld() {
    Article huge =
        new Article(
            Article.SCHEMA_VERSION,
            "huge",
            "g".repeat(100_000),
            "Tech firm lays off 300 workers " + "x".repeat(900_000),
            "https://news.example/" + "l".repeat(100_000),
            "s".repeat(1_000_000),
            NOW,
            NOW,
            "e".repeat(1_000),
            "https://feed.example/" + "f".repeat(100_000),
            "t".repeat(100_000),
            java.util.Collections.nCopies(1_000, "https://source.example/" + "s".repeat(5_000)));
    try (ThemeMatcher matcher = ThemeMatcher.of(ThemeSet.load(Fixtures.THEMES))) {
      BatchTagger.Output output = tagger.tag(List.of(record(0, huge)), matcher, NOW);
      TaggedArticle tagged = output.tagged().get(0);
      assertThat(tagged.title()).hasSize(TaggedLimits.MAX_TITLE_CHARS);
      assertThat(tagged.summary()).hasSize(TaggedLimits.MAX_SUMMARY_CHARS);
      assertThat(tagged.guid()).hasSize(TaggedLimits.MAX_LINK_CHARS);
      assertThat(tagged.link()).hasSize(TaggedLimits.MAX_LINK_CHARS);
      assertThat(tagged.feedTitle()).hasSize(TaggedLimits.MAX_FEED_TITLE_CHARS);
      assertThat(tagged.lang()).hasSize(TaggedLimits.MAX_LANG_CHARS);
      assertThat(tagged.sources()).hasSize(TaggedLimits.MAX_SOURCES);
      assertThat(tagged.themeIds()).containsExactly("layoffs");
      assertThat(output.records(Topics.DEFAULTS).get(0).value().length).isLessThan(100_000);
    }
  }

  @Test
  void aBackfilledArticleKeepsItsProvenanceBoundedThroughTagging() {
    Instant captured = Instant.parse("2024-11-03T08:00:00Z");
    Article backfilled =
        Fixtures.article("old", "Tech firm lays off 300 workers")
            .backfilled(
                new BackfillOrigin(
                    "archive", "http://archive.example/" + "a".repeat(10_000), captured));
    try (ThemeMatcher matcher = ThemeMatcher.of(ThemeSet.load(Fixtures.THEMES))) {
      TaggedArticle tagged =
          tagger.tag(List.of(record(0, backfilled)), matcher, NOW).tagged().get(0);
      assertThat(tagged.backfill().source()).isEqualTo("archive");
      assertThat(tagged.backfill().from()).hasSize(TaggedLimits.MAX_LINK_CHARS);
      assertThat(tagged.backfill().captured()).isEqualTo(captured);
    }
  }

  @Test
  void theWorstCaseTaggedRecordFitsTheBrokersDefaultLimit() {
    // Every character one that JSON escapes to six bytes, every field and list at its cap.
    String c = "\u0001";
    List<ThemeMatch> themes = new ArrayList<>();
    for (int i = 0; i < QueryLimits.MAX_THEMES; i++) {
      themes.add(
          new ThemeMatch(
              "theme_" + i + c.repeat(40),
              Double.MAX_VALUE,
              ThemeMatch.CHALLENGES,
              java.util.Collections.nCopies(
                  TaggedLimits.MAX_MATCHED_TERMS, c.repeat(TaggedLimits.MAX_TERM_CHARS)),
              c.repeat(TaggedLimits.MAX_SNIPPET_CHARS),
              c.repeat(TaggedLimits.MAX_STANCE_BY_CHARS)));
    }
    TaggedArticle worst =
        new TaggedArticle(
            Article.SCHEMA_VERSION,
            c.repeat(TaggedLimits.MAX_ID_CHARS),
            c.repeat(TaggedLimits.MAX_LINK_CHARS),
            c.repeat(TaggedLimits.MAX_TITLE_CHARS),
            c.repeat(TaggedLimits.MAX_LINK_CHARS),
            c.repeat(TaggedLimits.MAX_SUMMARY_CHARS),
            Instant.MAX,
            Instant.MAX,
            c.repeat(TaggedLimits.MAX_LANG_CHARS),
            c.repeat(TaggedLimits.MAX_LINK_CHARS),
            c.repeat(TaggedLimits.MAX_FEED_TITLE_CHARS),
            java.util.Collections.nCopies(
                TaggedLimits.MAX_SOURCES, c.repeat(TaggedLimits.MAX_LINK_CHARS)),
            TaggedLimits.bounded(themes),
            c.repeat(64),
            Instant.MAX,
            new BackfillOrigin(
                c.repeat(TaggedLimits.MAX_BACKFILL_SOURCE_CHARS),
                c.repeat(TaggedLimits.MAX_LINK_CHARS),
                Instant.MAX));
    int bytes = Json.bytes(worst).length;
    System.out.println("[tagged limits] worst-case tagged record: " + bytes + " bytes");
    assertThat(bytes).isEqualTo(654_382).isLessThan(1_048_576); // the figure TaggedLimits states
  }

  private static String header(ProducerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
