package thesiswatch.dashboard.alert;

import java.time.Duration;
import java.time.Instant;

/**
 * A spike of one theme in one period.
 *
 * @param id the idempotency key: theme, granularity and period start — the same spike always has
 *     the same id
 * @param theme the theme id
 * @param granularity {@code hour} or {@code day}
 * @param periodStart start of the spiking period (UTC)
 * @param periodEnd end of the spiking period (exclusive)
 * @param count articles of the theme in the period when it was detected
 * @param baseline mean count per period over the trailing periods
 * @param ratio {@code count / max(baseline, floor)}
 * @param pValue Poisson probability of a count at least this high given the baseline
 * @param detected when the dashboard detected it (wall clock)
 * @param historical whether the period had closed more than one period before it was detected (a
 *     backfill or replay found it): recorded and shown, never pushed as news
 */
public record Alert(
    String id,
    String theme,
    String granularity,
    Instant periodStart,
    Instant periodEnd,
    long count,
    double baseline,
    double ratio,
    double pValue,
    Instant detected,
    boolean historical) {

  public Alert {
    if (theme == null || theme.isBlank()) {
      throw new IllegalArgumentException("alert theme must not be blank");
    }
    if (count < 0) {
      throw new IllegalArgumentException("alert count must not be negative, got " + count);
    }
  }

  /**
   * Whether a spike in the period {@code [start, end)} is history when detected at {@code
   * detected}: the period had closed more than one period (its own width) before. A live spike is
   * found in its own period or the one after it.
   */
  public static boolean historical(Instant start, Instant end, Instant detected) {
    return end.plus(Duration.between(start, end)).isBefore(detected);
  }

  /**
   * The id of the spike of {@code theme} at {@code granularity} in the period starting {@code
   * start}.
   */
  public static String idOf(String theme, String granularity, Instant start) {
    return theme + ":" + granularity + ":" + start;
  }
}
