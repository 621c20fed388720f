package thesiswatch.dashboard.index;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A trend bucket width. Buckets are aligned in UTC unless a zone is given; weeks start on Monday
 * (ISO-8601). In a zone, days and weeks start at local midnight, so a day across a daylight-saving
 * change lasts 23 or 25 hours; hours stay one hour wide, aligned to the zone's offset (+05:30 zones
 * start hours at half past).
 */
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

  /** The start of the bucket holding {@code epochMillis}, buckets aligned in {@code zone}. */
  public long floor(long epochMillis, ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) {
      return floor(epochMillis);
    }
    Instant time = Instant.ofEpochMilli(epochMillis);
    if (this == HOUR) {
      long offset = zone.getRules().getOffset(time).getTotalSeconds() * 1000L;
      return Math.floorDiv(epochMillis + offset, millis) * millis - offset;
    }
    LocalDate day = LocalDate.ofInstant(time, zone);
    if (this == WEEK) {
      day = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
    return day.atStartOfDay(zone).toInstant().toEpochMilli();
  }

  /**
   * The start of the bucket {@code n} buckets after the one starting at {@code bucketStart}, in
   * {@code zone}.
   */
  public long plus(long bucketStart, long n, ZoneId zone) {
    if (this == HOUR || zone.equals(ZoneOffset.UTC)) {
      return bucketStart + n * millis;
    }
    LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(bucketStart), zone);
    return day.plusDays(this == WEEK ? 7 * n : n).atStartOfDay(zone).toInstant().toEpochMilli();
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
