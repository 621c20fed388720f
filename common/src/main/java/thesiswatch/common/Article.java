package thesiswatch.common;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One news item as ingest publishes it to the {@code articles} topic.
 *
 * @param schemaVersion the JSON schema version, {@link #SCHEMA_VERSION} when written by this code
 * @param id stable id from the canonical link (see {@link ArticleIds}); the Kafka key
 * @param guid the feed's own entry id, or null
 * @param title plain-text headline, never blank
 * @param link canonical http(s) link, or null
 * @param summary plain-text summary, possibly empty
 * @param published when the feed says it was published (sanity-checked), or null
 * @param fetched when ingest fetched it
 * @param lang language tag ({@code zh}, {@code en}, ...) from the feed or its settings, or null
 * @param feedUrl the feed the article came from
 * @param feedTitle that feed's title, or null
 * @param sources other feeds that carried the same story, possibly empty
 * @param backfill where a backfilled article came from (source, archive or file, capture time);
 *     null for an article ingest read from a live feed. Older readers ignore the field.
 */
public record Article(
    int schemaVersion,
    String id,
    String guid,
    String title,
    String link,
    String summary,
    Instant published,
    Instant fetched,
    String lang,
    String feedUrl,
    String feedTitle,
    List<String> sources,
    BackfillOrigin backfill) {

  /** The schema version this code writes. */
  public static final int SCHEMA_VERSION = 1;

  /** A published time further ahead than this of the fetch time is not trusted. */
  private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(10);

  public Article {
    requireText(id, "article id");
    requireText(title, "article title");
    Objects.requireNonNull(fetched, "article fetched time must not be null");
    summary = summary == null ? "" : summary;
    sources = sources == null ? List.of() : List.copyOf(sources);
  }

  /** An article read from a live feed (no {@link #backfill}). */
  public Article(
      int schemaVersion,
      String id,
      String guid,
      String title,
      String link,
      String summary,
      Instant published,
      Instant fetched,
      String lang,
      String feedUrl,
      String feedTitle,
      List<String> sources) {
    this(
        schemaVersion,
        id,
        guid,
        title,
        link,
        summary,
        published,
        fetched,
        lang,
        feedUrl,
        feedTitle,
        sources,
        null);
  }

  /**
   * This article as a backfill found it in {@code origin}: with its provenance, and dated by the
   * capture when it has no sane published time of its own (an archived feed item without a date was
   * published no later than the capture that holds it).
   */
  public Article backfilled(BackfillOrigin origin) {
    Objects.requireNonNull(origin, "backfill origin must not be null");
    Instant dated =
        published == null && origin.captured() != null && !origin.captured().isAfter(fetched)
            ? origin.captured()
            : published;
    return new Article(
        schemaVersion,
        id,
        guid,
        title,
        link,
        summary,
        dated,
        fetched,
        lang,
        feedUrl,
        feedTitle,
        sources,
        origin);
  }

  /**
   * The time trends bucket this article by: the published time when it is sane (not after the
   * fetch), otherwise the fetch time.
   */
  public Instant effectiveTime() {
    if (published == null || published.isAfter(fetched.plus(FUTURE_TOLERANCE))) {
      return fetched;
    }
    return published;
  }

  static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }
}
