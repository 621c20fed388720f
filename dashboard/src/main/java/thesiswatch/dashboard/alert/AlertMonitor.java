package thesiswatch.dashboard.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.dashboard.index.ArticleFilter;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.dashboard.index.Interval;

/**
 * Looks for spikes in the index and hands new alerts to the sinks. {@link #check()} counts each
 * watched theme per hour and per day from the index (up to the newest article, so a replay of
 * history alerts at the history's own time), runs the {@link SpikeDetector}, records new alerts in
 * the {@link AlertBook} and stores the book in the index's next commit; {@link #deliver()} then
 * sends them — after the commit, so a crash never re-sends an alert that was committed.
 */
public final class AlertMonitor {

  private static final Logger LOG = LoggerFactory.getLogger(AlertMonitor.class);

  /** The index state name the alert book is saved under. */
  public static final String STATE = "alerts";

  /** Periods evaluated per granularity (on top of the baseline): 60 days, 7 days of hours. */
  static final int DAY_LOOKBACK = 60;

  static final int HOUR_LOOKBACK = 7 * 24;

  private final ArticleIndex index;
  private final SpikeDetector detector;
  private final SpikeRule rule;
  private final List<String> themes;
  private final List<Interval> granularities;
  private final List<AlertSink> sinks;
  private final Clock clock;
  private final AlertBook book;
  private final List<Alert> undelivered = new ArrayList<>();

  /**
   * A monitor over {@code index} for {@code themes} at {@code granularities} ({@link Interval#HOUR}
   * and/or {@link Interval#DAY}), loading the alert book saved in the index.
   */
  public AlertMonitor(
      ArticleIndex index,
      SpikeRule rule,
      List<String> themes,
      List<Interval> granularities,
      List<AlertSink> sinks,
      Clock clock) {
    this.index = index;
    this.rule = rule;
    this.detector = new SpikeDetector(rule);
    this.themes = List.copyOf(themes);
    this.granularities = List.copyOf(granularities);
    this.sinks = List.copyOf(sinks);
    this.clock = clock;
    this.book = index.state(STATE).map(AlertBook::fromJson).orElseGet(AlertBook::new);
  }

  /** The alerts raised so far. */
  public AlertBook book() {
    return book;
  }

  /**
   * Looks for new spikes; new alerts are saved with the next commit and sent by {@link #deliver()}.
   */
  public synchronized List<Alert> check() {
    Optional<Instant[]> range = index.timeRange();
    if (range.isEmpty()) {
      return List.of();
    }
    Instant newest = range.get()[1];
    Instant now = clock.instant();
    if (newest.isAfter(now)) {
      newest = now;
    }
    List<Alert> found = new ArrayList<>();
    for (Interval granularity : granularities) {
      int lookback = granularity == Interval.DAY ? DAY_LOOKBACK : HOUR_LOOKBACK;
      long width = granularity.millis();
      Instant end = granularity.windowEnd(newest);
      Instant start = end.minusMillis(width * (lookback + rule.baselinePeriods()));
      for (String theme : themes) {
        long[] counts =
            index
                .countBuckets(ArticleFilter.ALL.withTheme(theme), granularity, start, end)
                .counts();
        for (Alert alert :
            detector.detect(
                theme,
                granularity.key(),
                start,
                Duration.ofMillis(width),
                counts,
                book.fired(theme, granularity.key()),
                now)) {
          if (book.add(alert)) {
            found.add(alert);
          }
        }
      }
    }
    if (!found.isEmpty()) {
      index.putState(STATE, book.toJson());
      undelivered.addAll(found);
    }
    return found;
  }

  /** Sends the alerts found since the last delivery to every sink (call after the commit). */
  public synchronized void deliver() {
    for (Alert alert : undelivered) {
      for (AlertSink sink : sinks) {
        try {
          sink.send(alert);
        } catch (RuntimeException e) {
          LOG.warn(
              "alert {} not delivered to {}: {}",
              alert.id(),
              sink.getClass().getSimpleName(),
              e.toString());
        }
      }
    }
    undelivered.clear();
  }
}
