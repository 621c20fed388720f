package thesiswatch.dashboard.score;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import thesiswatch.common.ClaimTest;

/**
 * What the scorecard said, and when: a claim's verdict in the evaluation window at the end of every
 * month from the baseline's first month on, and in the rolling window at the end of every ISO week.
 * Computed from the index alone, so a replay of the same history gives the same record; kept
 * append-only on the {@code claim-verdicts} topic.
 */
public final class TrackRecord {

  /** A period of months. */
  public static final String MONTH = "month";

  /** A period of ISO weeks (Monday to Sunday, UTC). */
  public static final String WEEK = "week";

  private TrackRecord() {}

  /**
   * One period's verdict.
   *
   * @param theme the claim's theme id
   * @param granularity {@link #MONTH} (the evaluation window) or {@link #WEEK} (the rolling window)
   * @param period {@code 2025-03} or {@code 2025-W10}
   * @param asOf the last day counted: the period's last day, or today in the current period
   * @param closed whether the period has ended; only closed periods are recorded on the topic
   * @param judgement the verdict with its numbers and sentence
   */
  public record Entry(
      String theme,
      String granularity,
      String period,
      LocalDate asOf,
      boolean closed,
      Scorecard.Judgement judgement) {

    /** The record's key on {@code claim-verdicts}: claim and period. */
    public String key() {
      return theme + ":" + granularity + ":" + period;
    }

    /** The period and its verdict, as the API's {@code history} lists them. */
    public Point point() {
      return new Point(period, judgement.verdict(), asOf, closed);
    }
  }

  /**
   * A period of the history strip.
   *
   * @param period {@code 2025-03} or {@code 2025-W10}
   * @param verdict the verdict at the period's end
   * @param asOf the last day counted
   * @param closed whether the period has ended
   */
  public record Point(String period, String verdict, LocalDate asOf, boolean closed) {}

  /** The evaluation window's verdict at the end of each month, up to {@code today}. */
  static List<Entry> monthly(
      String theme,
      ClaimTest test,
      LocalDate today,
      Function<LocalDate, Scorecard.Judgement> judge) {
    List<Entry> entries = new ArrayList<>();
    for (YearMonth month = YearMonth.from(test.baseline().from());
        !month.isAfter(YearMonth.from(today));
        month = month.plusMonths(1)) {
      LocalDate end = month.atEndOfMonth();
      LocalDate asOf = end.isBefore(today) ? end : today;
      entries.add(
          new Entry(theme, MONTH, month.toString(), asOf, end.isBefore(today), judge.apply(asOf)));
    }
    return entries;
  }

  /** The rolling window's verdict at the end of each ISO week, up to {@code today}. */
  static List<Entry> weekly(
      String theme,
      ClaimTest test,
      LocalDate today,
      Function<LocalDate, Scorecard.Judgement> judge) {
    List<Entry> entries = new ArrayList<>();
    LocalDate sunday = test.baseline().from().with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
    for (; !sunday.minusDays(6).isAfter(today); sunday = sunday.plusWeeks(1)) {
      LocalDate asOf = sunday.isBefore(today) ? sunday : today;
      entries.add(
          new Entry(theme, WEEK, week(sunday), asOf, sunday.isBefore(today), judge.apply(asOf)));
    }
    return entries;
  }

  /** The ISO week of {@code day}, e.g. {@code 2025-W07}. */
  static String week(LocalDate day) {
    return String.format(
        Locale.ROOT,
        "%d-W%02d",
        day.get(IsoFields.WEEK_BASED_YEAR),
        day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }
}
