package thesiswatch.common;

import java.time.Instant;
import java.util.List;

/**
 * What ingest knows about one feed, published to the compacted {@code feed-state} topic keyed by
 * feed URL: a restarted ingest resumes from it (validators, backoff, ids already published), and
 * the dashboard shows it as feed health.
 *
 * @param url the feed URL (the Kafka key)
 * @param title the feed's title, or null before the first success
 * @param status {@code pending}, {@code ok}, {@code failing} or {@code disabled}
 * @param etag the last ETag validator, or null
 * @param lastModified the last Last-Modified validator, or null
 * @param consecutiveErrors failures since the last success
 * @param lastAttempt when it was last fetched, or null
 * @param lastSuccess when it was last fetched and parsed successfully, or null
 * @param lastErrorKind the classified kind of the last error (e.g. {@code timeout}), or null
 * @param lastErrorMessage the last error's message, or null
 * @param nextPoll when it is due next, or null when disabled
 * @param itemsSeen entries seen in total
 * @param seenIds article ids already published from this feed, newest last, bounded
 */
public record FeedState(
    String url,
    String title,
    String status,
    String etag,
    String lastModified,
    int consecutiveErrors,
    Instant lastAttempt,
    Instant lastSuccess,
    String lastErrorKind,
    String lastErrorMessage,
    Instant nextPoll,
    long itemsSeen,
    List<String> seenIds) {

  /** Not fetched yet. */
  public static final String PENDING = "pending";

  /** The last fetch succeeded. */
  public static final String OK = "ok";

  /** The last fetch failed; it is retried with backoff. */
  public static final String FAILING = "failing";

  /** Not polled any more (e.g. HTTP 410, or disabled in the feed list). */
  public static final String DISABLED = "disabled";

  /** Every status ingest writes. */
  public static final List<String> STATUSES = List.of(PENDING, OK, FAILING, DISABLED);

  public FeedState {
    Article.requireText(url, "feed url");
    Article.requireText(status, "feed status");
    seenIds = seenIds == null ? List.of() : List.copyOf(seenIds);
  }
}
