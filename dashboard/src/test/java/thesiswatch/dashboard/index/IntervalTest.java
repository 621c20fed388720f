package thesiswatch.dashboard.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * Bucket widths: aligned in UTC, weeks from Monday; windows end with the newest article's bucket.
 */
class IntervalTest {

  @Test
  void weeksStartOnMondayInUtc() {
    assertThat(Interval.WEEK.floor(Instant.parse("2025-02-09T23:59:59Z")))
        .isEqualTo(Instant.parse("2025-02-03T00:00:00Z"));
    assertThat(Interval.WEEK.floor(Instant.parse("2025-02-10T00:00:00Z")))
        .isEqualTo(Instant.parse("2025-02-10T00:00:00Z"));
    assertThat(Interval.WEEK.floor(Instant.parse("1969-12-31T12:00:00Z")))
        .isEqualTo(Instant.parse("1969-12-29T00:00:00Z"));
    assertThat(Interval.HOUR.floor(Instant.parse("2025-02-10T09:59:59Z")))
        .isEqualTo(Instant.parse("2025-02-10T09:00:00Z"));
  }

  @Test
  void aWindowEndsWithTheWholeBucketOfItsNewestArticle() {
    assertThat(Interval.DAY.windowEnd(Instant.parse("2025-02-11T11:00:00Z")))
        .isEqualTo(Instant.parse("2025-02-12T00:00:00Z"));
    // An article at a bucket's very start still gets its whole bucket.
    assertThat(Interval.HOUR.windowEnd(Instant.parse("2025-02-11T11:00:00Z")))
        .isEqualTo(Instant.parse("2025-02-11T12:00:00Z"));
    assertThat(Interval.WEEK.windowEnd(Instant.parse("2025-02-09T23:59:59Z")))
        .isEqualTo(Instant.parse("2025-02-10T00:00:00Z"));
    // Counted from the bucket holding the start: 13:00 on the 9th to midnight on the 12th is three
    // days.
    assertThat(
            Interval.DAY.bucketCount(
                Instant.parse("2025-02-09T13:00:00Z"), Instant.parse("2025-02-12T00:00:00Z")))
        .isEqualTo(3);
    assertThat(
            Interval.DAY.bucketCount(
                Instant.parse("2025-02-09T00:00:00Z"), Instant.parse("2025-02-09T00:00:01Z")))
        .isEqualTo(1);
  }

  @Test
  void inAZoneDaysAndWeeksStartAtLocalMidnight() {
    ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    // 20:00 UTC on Sunday 9 February is 04:00 on Monday the 10th in Shanghai.
    long late = Instant.parse("2025-02-09T20:00:00Z").toEpochMilli();
    assertThat(Instant.ofEpochMilli(Interval.DAY.floor(late, shanghai)))
        .isEqualTo(Instant.parse("2025-02-09T16:00:00Z"));
    assertThat(Instant.ofEpochMilli(Interval.WEEK.floor(late, shanghai)))
        .isEqualTo(Instant.parse("2025-02-09T16:00:00Z"));
    assertThat(Instant.ofEpochMilli(Interval.WEEK.floor(late, ZoneId.of("UTC"))))
        .isEqualTo(Instant.parse("2025-02-03T00:00:00Z"));
    // Hours follow the zone's offset: half past in India.
    assertThat(
            Instant.ofEpochMilli(
                Interval.HOUR.floor(
                    Instant.parse("2025-02-10T09:10:00Z").toEpochMilli(),
                    ZoneId.of("Asia/Kolkata"))))
        .isEqualTo(Instant.parse("2025-02-10T08:30:00Z"));
  }

  @Test
  void aDayAcrossDaylightSavingLastsTwentyThreeOrTwentyFiveHours() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    long spring = Interval.DAY.floor(Instant.parse("2025-03-30T12:00:00Z").toEpochMilli(), berlin);
    assertThat(Instant.ofEpochMilli(spring)).isEqualTo(Instant.parse("2025-03-29T23:00:00Z"));
    assertThat(Instant.ofEpochMilli(Interval.DAY.plus(spring, 1, berlin)))
        .isEqualTo(Instant.parse("2025-03-30T22:00:00Z"));
    long autumn = Interval.DAY.floor(Instant.parse("2025-10-26T12:00:00Z").toEpochMilli(), berlin);
    assertThat(Instant.ofEpochMilli(Interval.DAY.plus(autumn, 1, berlin)))
        .isEqualTo(Instant.parse("2025-10-26T23:00:00Z"));
    assertThat(Instant.ofEpochMilli(Interval.WEEK.plus(spring, 2, berlin)))
        .isEqualTo(Instant.parse("2025-04-12T22:00:00Z"));
  }
}
