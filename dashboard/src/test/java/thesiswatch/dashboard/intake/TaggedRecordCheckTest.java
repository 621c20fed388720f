package thesiswatch.dashboard.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import thesiswatch.common.TaggedArticle;

class TaggedRecordCheckTest {

  private static final Clock NOW =
      Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);
  private static final TaggedRecordCheck CHECK = new TaggedRecordCheck(NOW);

  private static String article(String published, String fetched) {
    return "{\"id\":\"a1\",\"title\":\"Layoffs\",\"published\":"
        + (published == null ? "null" : "\"" + published + "\"")
        + ",\"fetched\":\""
        + fetched
        + "\",\"themes\":[{\"id\":\"layoffs\",\"stance\":\"supports\"}]}";
  }

  private static Admission check(String value) {
    return CHECK.check(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aSaneArticleIsAdmittedAsItIs() {
    Admission admission = check(article("2025-02-10T09:00:00Z", "2025-02-10T10:00:00Z"));
    assertThat(admission).isInstanceOf(Admission.Admitted.class);
    Admission.Admitted admitted = (Admission.Admitted) admission;
    assertThat(admitted.publishedDropped()).isFalse();
    assertThat(admitted.article().published()).isEqualTo(Instant.parse("2025-02-10T09:00:00Z"));
    assertThat(admitted.article().effectiveTime()).isEqualTo(Instant.parse("2025-02-10T09:00:00Z"));
  }

  /** Finding 4: a published time far outside Instant's millisecond range falls back to fetched. */
  @ParameterizedTest(name = "published {0}")
  @CsvSource({
    "-300000000-01-01T00:00:00Z",
    "+999999999-12-31T23:59:59Z",
    "1989-12-31T23:59:59Z",
    "2025-03-02T12:00:01Z",
    "9999-12-31T00:00:00Z"
  })
  void anInsanePublishedTimeFallsBackToTheFetchTime(String published) {
    Admission.Admitted admitted =
        (Admission.Admitted) check(article(published, "2025-02-10T10:00:00Z"));
    assertThat(admitted.publishedDropped()).isTrue();
    TaggedArticle article = admitted.article();
    assertThat(article.published()).isNull();
    assertThat(article.effectiveTime()).isEqualTo(Instant.parse("2025-02-10T10:00:00Z"));
    assertThat(article.id()).isEqualTo("a1");
    assertThat(article.themeIds()).containsExactly("layoffs");
  }

  @Test
  void theWindowsEdgesAreInside() {
    Admission.Admitted admitted =
        (Admission.Admitted) check(article("1990-01-01T00:00:00Z", "2025-03-02T12:00:00Z"));
    assertThat(admitted.publishedDropped()).isFalse();
    assertThat(admitted.article().published()).isEqualTo(Instant.parse("1990-01-01T00:00:00Z"));
    assertThat(admitted.article().fetched()).isEqualTo(Instant.parse("2025-03-02T12:00:00Z"));
  }

  /** Finding 4: a fetch time outside the window leaves nothing to count at: dead-lettered. */
  @ParameterizedTest(name = "fetched {0}")
  @CsvSource({
    "9999-12-31T00:00:00Z, 9999-12-31T00:00:00Z is outside 1990-01-01T00:00:00Z .."
        + " 2025-03-02T12:00:00Z (now + 1 day)",
    "2025-03-02T12:00:00.001Z, 2025-03-02T12:00:00.001Z is outside 1990-01-01T00:00:00Z .."
        + " 2025-03-02T12:00:00Z (now + 1 day)",
    "-300000000-01-01T00:00:00Z, -300000000-01-01T00:00:00Z is outside 1990-01-01T00:00:00Z .."
        + " 2025-03-02T12:00:00Z (now + 1 day)",
  })
  void anInsaneFetchTimeIsRefused(String fetched, String why) {
    assertThat(check(article("2025-02-10T09:00:00Z", fetched)))
        .isEqualTo(
            new Admission.Refused(
                new RecordProblem(RecordProblem.TIME_OUT_OF_RANGE, "fetched " + why)));
  }

  @Test
  void unreadableValuesAreRefusedByKind() {
    assertThat(kind(null)).isEqualTo(RecordProblem.EMPTY);
    assertThat(kind(" \n")).isEqualTo(RecordProblem.EMPTY);
    assertThat(kind("{not json")).isEqualTo(RecordProblem.INVALID_JSON);
    assertThat(kind("null")).isEqualTo(RecordProblem.INVALID_ARTICLE);
    assertThat(kind("[1,2]")).isEqualTo(RecordProblem.INVALID_ARTICLE);
    assertThat(kind("{\"id\":\"a1\",\"fetched\":\"2025-02-10T10:00:00Z\"}"))
        .isEqualTo(RecordProblem.INVALID_ARTICLE);
    assertThat(kind("{\"id\":\"a1\",\"title\":\"t\",\"fetched\":\"+1000000001-01-01T00:00:00Z\"}"))
        .isEqualTo(RecordProblem.INVALID_ARTICLE);
    assertThat(
            kind(
                "{\"id\":\"a1\",\"title\":\"t\",\"fetched\":\"2025-02-10T10:00:00Z\","
                    + "\"themes\":[{\"id\":\"layoffs\",\"stance\":\"maybe\"}]}"))
        .isEqualTo(RecordProblem.INVALID_ARTICLE);
    assertThat(
            kind(
                "{\"id\":\"a1\",\"title\":\"t\",\"fetched\":\"2025-02-10T10:00:00Z\","
                    + "\"schemaVersion\":1e400}"))
        .isEqualTo(RecordProblem.INVALID_ARTICLE);
  }

  private static String kind(String value) {
    return ((Admission.Refused) check(value)).problem().kind();
  }
}
