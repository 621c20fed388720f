package thesiswatch.dashboard.index;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Counts per bucket for consecutive buckets of one interval, as {@link ArticleIndex#countBuckets}
 * read them from the index. The arrays are copied in and out, so a value never changes.
 *
 * @param interval the buckets' width
 * @param first the first bucket's start, aligned to {@code interval}
 * @param counts per bucket: the articles of the filter's theme (and stance; all articles when
 *     neither was asked for)
 * @param totals per bucket: all articles under the filter's language and source
 * @param zone the zone buckets are aligned in (days and weeks start at its midnight)
 */
public record BucketCounts(
    Interval interval, Instant first, long[] counts, long[] totals, ZoneId zone) {

  /** Buckets aligned in UTC. */
  public BucketCounts(Interval interval, Instant first, long[] counts, long[] totals) {
    this(interval, first, counts, totals, ZoneOffset.UTC);
  }

  public BucketCounts {
    if (counts.length != totals.length) {
      throw new IllegalArgumentException(
          "counts and totals differ in length: " + counts.length + ", " + totals.length);
    }
    counts = counts.clone();
    totals = totals.clone();
  }

  /** The number of buckets. */
  public int size() {
    return counts.length;
  }

  /** The start of bucket {@code i}. */
  public Instant start(int i) {
    return Instant.ofEpochMilli(interval.plus(first.toEpochMilli(), i, zone));
  }

  /** The end (exclusive) of bucket {@code i}. */
  public Instant end(int i) {
    return start(i + 1);
  }

  /** The count of bucket {@code i}. */
  public long count(int i) {
    return counts[i];
  }

  /** The total of bucket {@code i}. */
  public long total(int i) {
    return totals[i];
  }

  @Override
  public long[] counts() {
    return counts.clone();
  }

  @Override
  public long[] totals() {
    return totals.clone();
  }

  // A record compares arrays by identity; these counts are values.
  @Override
  public boolean equals(Object other) {
    return other instanceof BucketCounts that
        && interval == that.interval
        && first.equals(that.first)
        && zone.equals(that.zone)
        && Arrays.equals(counts, that.counts)
        && Arrays.equals(totals, that.totals);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * interval.hashCode() + first.hashCode()) + Arrays.hashCode(counts))
        + Arrays.hashCode(totals);
  }

  @Override
  public String toString() {
    return "BucketCounts["
        + interval.key()
        + " from "
        + first
        + (zone.equals(ZoneOffset.UTC) ? "" : " in " + zone)
        + ", counts="
        + Arrays.toString(counts)
        + ", totals="
        + Arrays.toString(totals)
        + "]";
  }
}
