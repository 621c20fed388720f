package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackfillOriginTest {

  private static final Instant CAPTURED = Instant.parse("2025-02-10T06:00:00Z");
  private static final Instant FETCHED = Instant.parse("2026-12-01T09:00:00Z");
  private static final BackfillOrigin ORIGIN =
      new BackfillOrigin("archive", "https://web.archive.org", CAPTURED);

  private static Article article(Instant published) {
    return new Article(
        1,
        "abc",
        null,
        "Tech giant cuts 10% of staff",
        "https://example.com/a",
        "",
        published,
        FETCHED,
        "en",
        "https://example.com/feed",
        null,
        List.of());
  }

  @Test
  void anUndatedItemIsDatedByItsCaptureAndADatedOneKeepsItsDate() {
    Instant published = Instant.parse("2025-02-09T22:00:00Z");
    assertThat(article(null).backfilled(ORIGIN).published()).isEqualTo(CAPTURED);
    assertThat(article(null).backfilled(ORIGIN).effectiveTime()).isEqualTo(CAPTURED);
    assertThat(article(published).backfilled(ORIGIN).published()).isEqualTo(published);
    assertThat(article(null).backfilled(new BackfillOrigin("csv", "x.csv", null)).published())
        .isNull();
  }

  @Test
  void theOriginRoundTripsAndOlderRecordsReadWithoutOne() {
    Article backfilled = article(null).backfilled(ORIGIN);
    String json = Json.write(backfilled);
    assertThat(json)
        .contains(
            "\"backfill\":{\"source\":\"archive\",\"from\":\"https://web.archive.org\","
                + "\"captured\":\"2025-02-10T06:00:00Z\"}");
    assertThat(Json.read(json, Article.class)).isEqualTo(backfilled);
    TaggedArticle tagged = TaggedArticle.of(backfilled, List.of(), "v1", FETCHED);
    assertThat(Json.read(Json.write(tagged), TaggedArticle.class).backfill()).isEqualTo(ORIGIN);
    assertThat(tagged.article()).isEqualTo(backfilled);

    String older = json.replaceAll(",\"backfill\":\\{[^}]*\\}", "");
    assertThat(older).doesNotContain("backfill");
    assertThat(Json.read(older, Article.class).backfill()).isNull();
  }

  @Test
  void aStateRoundTripsThroughJson() {
    BackfillState state =
        new BackfillState(
            BackfillState.keyOf("archive", "https://web.archive.org", "https://example.com/feed"),
            "archive",
            "https://web.archive.org",
            "https://example.com/feed",
            BackfillState.RUNNING,
            10,
            4,
            12,
            Map.of("http_404", 1L),
            List.of(new BackfillState.Range(CAPTURED, CAPTURED.plusSeconds(3600))),
            0,
            null,
            Map.of("2025-02-10", 4),
            List.of("a", "b"),
            FETCHED);
    assertThat(state.key()).isEqualTo("archive https://web.archive.org https://example.com/feed");
    assertThat(Json.read(Json.write(state), BackfillState.class)).isEqualTo(state);
  }

  @Test
  void languagesAreReadFromTagsAndFromEnglishNames() {
    assertThat(Languages.ofTagOrName("zh-CN")).isEqualTo("zh");
    assertThat(Languages.ofTagOrName("Chinese")).isEqualTo("zh");
    assertThat(Languages.ofTagOrName("English")).isEqualTo("en");
    assertThat(Languages.ofTagOrName("french")).isEqualTo("fr");
    assertThat(Languages.ofTagOrName("Klingonese")).isNull();
    assertThat(Languages.ofTagOrName(" ")).isNull();
  }
}
