package thesiswatch.dashboard.index;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** A trend bucket width. Buckets are aligned in UTC; weeks start on Monday (ISO-8601). */
public enum Interval {
  HOUR(Duration.ofHours(1)),
  DAY(Duration.ofDays(1)),
  WEEK(Duration.ofDays(7));

  /** 1970-01-01 was a Thursday: Monday-aligned weeks start three days before the epoch's week. */
  private static final long WEEK_OFFSET_MILLIS = Duration.ofDays(3).toMillis();

  private final long millis;

  Interval(Duration width) {
    this.millis = width.toMillis();
  }

  /** The width in milliseconds. */
  public long millis() {
    return millis;
  }

  /** The start of the bucket holding {@code epochMillis}. */
  public long floor(long epochMillis) {
    long offset = this == WEEK ? WEEK_OFFSET_MILLIS : 0;
    return Math.floorDiv(epochMillis + offset, millis) * millis - offset;
  }

  /** The start of the bucket holding {@code time}. */
  public Instant floor(Instant time) {
    return Instant.ofEpochMilli(floor(time.toEpochMilli()));
  }

  /**
   * Where a window of these buckets that reaches {@code newest} ends: at the end of the bucket
   * holding it, so that the last bucket is whole and holds the newest article. Trends, alerts and
   * the scorecard all end their windows by this rule.
   */
  public Instant windowEnd(Instant newest) {
    return Instant.ofEpochMilli(floor(newest.toEpochMilli()) + millis);
  }

  /**
   * How many buckets {@code [start, end)} takes, counted from the start of the bucket holding
   * {@code start}; 0 or less when {@code end} is not after that.
   */
  public long bucketCount(Instant start, Instant end) {
    return (end.toEpochMilli() - floor(start.toEpochMilli()) + millis - 1) / millis;
  }

  /** The lower-case name used in the API. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The interval named {@code text} ({@code hour}, {@code day}, {@code week}).
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static Interval parse(String text) {
    for (Interval interval : values()) {
      if (interval.key().equals(text)) {
        return interval;
      }
    }
    throw new IllegalArgumentException("interval must be hour, day or week, not '" + text + "'");
  }
}
