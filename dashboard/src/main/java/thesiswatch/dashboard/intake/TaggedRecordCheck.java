package thesiswatch.dashboard.intake;

import com.fasterxml.jackson.core.JsonParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;

/**
 * Checks one record value of {@code articles.tagged} before it is indexed. A value that is not a
 * tagged article is refused with its kind. Times must lie in a sane window, from {@link #EARLIEST}
 * to a day after now (by the injected clock): a published time outside it is dropped, so the
 * article is counted at its fetch time; a fetch time outside it leaves nothing to count the article
 * at, and the record is refused. Without the window one record dated in the year −300000000
 * overflowed the millisecond arithmetic and stopped the consumer, and one fetched in 9999 stretched
 * every trend and the scorecard's "as of" to that year.
 *
 * <p>Thread-safe and pure (no Kafka, no index).
 */
public final class TaggedRecordCheck {

  /** Nothing the dashboard counts is older than this (before the web's news feeds). */
  public static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

  /** How far ahead of now a time may be (clocks differ; feeds write tomorrow's date). */
  public static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

  private final Clock clock;

  /** A check against {@code clock}'s now. */
  public TaggedRecordCheck(Clock clock) {
    this.clock = clock;
  }

  /** What to do with the record whose value is {@code value} (null for a tombstone). */
  public Admission check(byte[] value) {
    if (value == null || isBlank(value)) {
      return refuse(RecordProblem.EMPTY, value == null ? "record has no value" : "value is blank");
    }
    TaggedArticle article;
    try {
      article = Json.read(value, TaggedArticle.class);
    } catch (IllegalArgumentException e) {
      String kind =
          e.getCause() instanceof JsonParseException
              ? RecordProblem.INVALID_JSON
              : RecordProblem.INVALID_ARTICLE;
      return refuse(kind, e.getMessage());
    }
    Instant latest = clock.instant().plus(FUTURE_TOLERANCE);
    if (!sane(article.fetched(), latest)) {
      return refuse(
          RecordProblem.TIME_OUT_OF_RANGE,
          "fetched "
              + article.fetched()
              + " is outside "
              + EARLIEST
              + " .. "
              + latest
              + " (now + "
              + FUTURE_TOLERANCE.toDays()
              + " day)");
    }
    if (article.published() != null && !sane(article.published(), latest)) {
      return new Admission.Admitted(withoutPublished(article), true);
    }
    return new Admission.Admitted(article, false);
  }

  private static boolean sane(Instant time, Instant latest) {
    return !time.isBefore(EARLIEST) && !time.isAfter(latest);
  }

  private static Admission refuse(String kind, String message) {
    return new Admission.Refused(new RecordProblem(kind, message));
  }

  private static boolean isBlank(byte[] value) {
    for (byte b : value) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static TaggedArticle withoutPublished(TaggedArticle a) {
    return new TaggedArticle(
        a.schemaVersion(),
        a.id(),
        a.guid(),
        a.title(),
        a.link(),
        a.summary(),
        null,
        a.fetched(),
        a.lang(),
        a.feedUrl(),
        a.feedTitle(),
        a.sources(),
        a.themes(),
        a.themeSetVersion(),
        a.classified());
  }
}
