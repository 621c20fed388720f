package thesiswatch.ingest.feeds;

import java.time.Duration;
import thesiswatch.common.Env;
import thesiswatch.ingest.limits.RecordLimits;
import thesiswatch.ingest.schedule.FeedStates;

/**
 * One feed of the feed list, as an OPML {@code <outline type="rss">} describes it.
 *
 * @param url the feed URL ({@code xmlUrl}): http, https or file
 * @param title the feed's name in the list, or null
 * @param htmlUrl the site's address, or null
 * @param language the language hint ({@code zh-CN}, {@code en}), or null
 * @param category the category, or null
 * @param interval this feed's own poll interval, or null for the service default
 * @param enabled false when the list switches the feed off
 */
public record FeedSpec(
    String url,
    String title,
    String htmlUrl,
    String language,
    String category,
    Duration interval,
    boolean enabled) {

  /**
   * The shortest poll interval a feed may have, from the feed list or {@code INGEST_POLL_INTERVAL}.
   */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  /** The longest: no feed is due further ahead than {@link FeedStates#MAX_DELAY}. */
  public static final Duration MAX_INTERVAL = FeedStates.MAX_DELAY;

  /** The allowed range in words ("from 1s to …"), for every message that refuses an interval. */
  public static final String ALLOWED_INTERVALS =
      "from " + Env.format(MIN_INTERVAL) + " to " + Env.format(MAX_INTERVAL);

  public FeedSpec {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("feed url must not be blank");
    }
    url = url.strip();
    if (url.length() > RecordLimits.MAX_FEED_URL_CHARS) {
      throw new IllegalArgumentException(
          "feed url longer than "
              + RecordLimits.MAX_FEED_URL_CHARS
              + " characters: "
              + url.substring(0, 80)
              + "…");
    }
    if (interval != null && !allowedInterval(interval)) {
      throw new IllegalArgumentException(
          "feed interval must be " + ALLOWED_INTERVALS + ": " + interval + " for " + url);
    }
  }

  /** Whether {@code interval} lies in [{@link #MIN_INTERVAL}, {@link #MAX_INTERVAL}]. */
  public static boolean allowedInterval(Duration interval) {
    return interval.compareTo(MIN_INTERVAL) >= 0 && interval.compareTo(MAX_INTERVAL) <= 0;
  }

  /** A feed with only a URL and a language hint (e.g. one given to {@code thesiswatch parse}). */
  public static FeedSpec of(String url, String language) {
    return new FeedSpec(url, null, null, language, null, null, true);
  }
}
