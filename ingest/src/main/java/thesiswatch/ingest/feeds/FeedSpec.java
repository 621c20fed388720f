package thesiswatch.ingest.feeds;

import java.time.Duration;
import thesiswatch.ingest.limits.RecordLimits;

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
    if (interval != null && (interval.isNegative() || interval.isZero())) {
      throw new IllegalArgumentException(
          "feed interval must be positive: " + interval + " for " + url);
    }
  }

  /** A feed with only a URL and a language hint (e.g. one given to {@code thesiswatch parse}). */
  public static FeedSpec of(String url, String language) {
    return new FeedSpec(url, null, null, language, null, null, true);
  }
}
