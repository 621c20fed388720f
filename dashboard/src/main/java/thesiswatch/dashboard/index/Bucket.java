package thesiswatch.dashboard.index;

import java.time.Instant;

/**
 * One trend bucket.
 *
 * @param start the bucket's start (UTC)
 * @param count articles of the theme in the bucket (all articles when no theme was asked for)
 * @param total all articles in the bucket under the same language/source filters
 * @param share {@code count / total}, 0 when the bucket is empty
 * @param incomplete true when some feed was failing during the bucket, so a low count may be an
 *     outage
 * @param thin true when the bucket lies in backfilled history with few archive captures, so a low
 *     count may be the archive's gap, not the news
 */
public record Bucket(
    Instant start, long count, long total, double share, boolean incomplete, boolean thin) {

  public Bucket {
    if (count < 0 || total < count) {
      throw new IllegalArgumentException(
          "bucket count must be in [0, total], got " + count + " of " + total);
    }
  }

  /** A bucket with its share computed. */
  public static Bucket of(Instant start, long count, long total, boolean incomplete, boolean thin) {
    return new Bucket(
        start, count, total, total == 0 ? 0.0 : (double) count / total, incomplete, thin);
  }
}
