package thesiswatch.dashboard.alert;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.Json;
import thesiswatch.dashboard.index.ArticleFilter;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.dashboard.index.Interval;

/**
 * Looks for spikes in the index and hands new alerts to the sinks, each alert once for ever. {@link
 * #check()} counts each watched theme per hour and per day from the index (up to the newest
 * article, so a replay of history alerts at the history's own time; by day, back over all the
 * history the index holds, so a backfill's spikes are found too, as historical alerts that the
 * webhook does not push), runs the {@link SpikeDetector}, records new alerts in the {@link
 * AlertBook} and stores the book, with the alerts not yet confirmed as published, in the index's
 * next commit; {@link #deliver()} then sends them — after the commit, so a crash never loses an
 * alert the book holds.
 *
 * <p>Alert ids are deterministic (theme, granularity, period), and the {@link AlertLedger} (the
 * alerts topic) is the record of what went out: its alerts fill the book when the reader starts (so
 * {@code /api/alerts} keeps its history after the index is rebuilt), and it is read again before
 * each delivery, so that a rebuilt index or a second dashboard finds an alert already out and
 * neither publishes it nor posts the webhook again. An alert stays pending, in the committed state,
 * until the ledger's sink confirms it; a crash before that delivers it again after the restart
 * unless the ledger shows it.
 */
public final class AlertMonitor {

  private static final Logger LOG = LoggerFactory.getLogger(AlertMonitor.class);

  /** The index state name the alert book is saved under. */
  public static final String STATE = "alerts";

  /** The index state name of the ids delivered but not yet confirmed as published. */
  public static final String PENDING_STATE = "alerts.pending";

  /** Periods evaluated per granularity (on top of the baseline): 60 days, 7 days of hours. */
  static final int DAY_LOOKBACK = 60;

  static final int HOUR_LOOKBACK = 7 * 24;

  /**
   * Days evaluated at most when the index holds older history: three years, the essay's baseline
   * and window with room to spare. Spikes found there are {@linkplain Alert#historical historical}.
   */
  static final int DAY_HISTORY = 3 * 366;

  private static final TypeReference<List<String>> IDS = new TypeReference<>() {};

  private final ArticleIndex index;
  private final SpikeDetector detector;
  private final SpikeRule rule;
  private final Supplier<List<String>> themes;
  private final List<Interval> granularities;
  private final List<AlertSink> sinks;
  private final AlertLedger ledger;
  private final boolean confirmed;
  private final Clock clock;
  private volatile AlertBook book;

  /** Alerts to deliver after the next commit, in order. */
  private final Set<String> undelivered = new LinkedHashSet<>();

  /** Delivered alerts whose publication is not confirmed yet (committed with the book). */
  private final Set<String> pending = new LinkedHashSet<>();

  /** Ids of alerts the ledger showed published. */
  private final Set<String> published = new HashSet<>();

  /** Confirmations arrived since the last check (from the sink's thread). */
  private final Set<String> confirmations = new HashSet<>();

  /**
   * A monitor over {@code index} for {@code themes} at {@code granularities} ({@link Interval#HOUR}
   * and/or {@link Interval#DAY}), loading the alert book saved in the index, with no ledger: an
   * alert counts as published once it was handed to the sinks.
   */
  public AlertMonitor(
      ArticleIndex index,
      SpikeRule rule,
      List<String> themes,
      List<Interval> granularities,
      List<AlertSink> sinks,
      Clock clock) {
    this(index, rule, () -> themes, granularities, sinks, AlertLedger.NONE, false, clock);
  }

  /**
   * A monitor whose watched themes are read from {@code themes} at every check (so a theme added to
   * the themes file is watched at once), asking {@code ledger} what was published; with {@code
   * confirmed}, a delivered alert stays pending until {@link #confirm} is called with its id (by
   * the sink that writes the ledger), otherwise it counts as published once handed to the sinks.
   */
  public AlertMonitor(
      ArticleIndex index,
      SpikeRule rule,
      Supplier<List<String>> themes,
      List<Interval> granularities,
      List<AlertSink> sinks,
      AlertLedger ledger,
      boolean confirmed,
      Clock clock) {
    this.index = index;
    this.rule = rule;
    this.detector = new SpikeDetector(rule);
    this.themes = themes;
    this.granularities = List.copyOf(granularities);
    this.sinks = List.copyOf(sinks);
    this.ledger = ledger;
    this.confirmed = confirmed;
    this.clock = clock;
    this.book = new AlertBook();
    load();
  }

  /** The alerts raised so far. */
  public AlertBook book() {
    return book;
  }

  /**
   * Fills the book with the alerts the ledger shows published (call when the reader starts, before
   * the first check). A ledger that cannot be read now is asked again before each delivery.
   */
  public synchronized void readLedger() {
    try {
      learn(ledger.published());
    } catch (RuntimeException e) {
      LOG.warn("dashboard: cannot read the published alerts yet: {}", e.toString());
    }
  }

  /**
   * Forgets what was not committed and loads the book and the pending alerts the index committed
   * last (after the index was reopened at its last commit).
   */
  public synchronized void reload() {
    undelivered.clear();
    pending.clear();
    book = new AlertBook();
    load();
  }

  /** The alert with {@code id} is on the ledger now (called by the sink that wrote it). */
  public void confirm(String id) {
    synchronized (confirmations) {
      confirmations.add(id);
    }
  }

  /**
   * Looks for new spikes; new alerts are saved with the next commit and sent by {@link #deliver()}.
   */
  public synchronized List<Alert> check() {
    boolean changed = applyConfirmations();
    List<Alert> found = new ArrayList<>();
    Optional<Instant[]> range = index.timeRange();
    if (range.isPresent()) {
      Instant newest = range.get()[1];
      Instant now = clock.instant();
      if (newest.isAfter(now)) {
        newest = now;
      }
      for (Interval granularity : granularities) {
        int lookback = granularity == Interval.DAY ? DAY_LOOKBACK : HOUR_LOOKBACK;
        long width = granularity.millis();
        Instant end = granularity.windowEnd(newest);
        Instant start = end.minusMillis(width * (lookback + rule.baselinePeriods()));
        if (granularity == Interval.DAY) {
          // Days reach back over all the history the index holds (a backfill), up to a bound.
          Instant oldest = granularity.floor(range.get()[0]);
          Instant bound = end.minusMillis(width * (DAY_HISTORY + rule.baselinePeriods()));
          Instant reach = oldest.isBefore(bound) ? bound : oldest;
          if (reach.isBefore(start)) {
            start = reach;
          }
        }
        for (String theme : themes.get()) {
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
              undelivered.add(alert.id());
              if (confirmed) {
                pending.add(alert.id());
              }
            }
          }
        }
      }
    }
    if (!found.isEmpty() || changed) {
      index.putState(STATE, book.toJson());
      index.putState(PENDING_STATE, Json.write(new ArrayList<>(pending)));
    }
    return found;
  }

  /**
   * Sends the alerts found since the last delivery to every sink (call after the commit), except
   * those the ledger shows published already. When the ledger cannot be read, nothing is sent and
   * the next delivery tries again: an alert sent twice is worse than one sent a commit later.
   */
  public synchronized void deliver() {
    if (undelivered.isEmpty()) {
      return;
    }
    try {
      learn(ledger.published());
    } catch (RuntimeException e) {
      LOG.warn(
          "dashboard: {} alert(s) wait: cannot read the published alerts: {}",
          undelivered.size(),
          e.toString());
      return;
    }
    for (String id : undelivered) {
      Alert alert = book.get(id);
      if (alert == null || published.contains(id)) {
        continue; // out already (a rebuilt index, another dashboard), or dropped from the book
      }
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

  private void learn(List<Alert> alerts) {
    for (Alert alert : alerts) {
      published.add(alert.id());
      book.add(alert);
    }
    if (pending.removeAll(published)) {
      index.putState(PENDING_STATE, Json.write(new ArrayList<>(pending)));
    }
  }

  private boolean applyConfirmations() {
    synchronized (confirmations) {
      if (confirmations.isEmpty()) {
        return false;
      }
      published.addAll(confirmations);
      boolean changed = pending.removeAll(confirmations);
      confirmations.clear();
      return changed;
    }
  }

  private void load() {
    index.state(STATE).map(AlertBook::fromJson).ifPresent(saved -> book = saved);
    Optional<String> saved = index.state(PENDING_STATE);
    if (saved.isPresent()) {
      try {
        pending.addAll(Json.MAPPER.readValue(saved.get(), IDS));
      } catch (IOException e) {
        LOG.warn("dashboard: pending alerts state is not readable, dropped: {}", e.getMessage());
      }
    }
    // Pending alerts were committed but perhaps never published: deliver them unless the ledger
    // shows them.
    undelivered.addAll(pending);
  }
}
