package thesiswatch.dashboard.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.DaemonThreads;
import thesiswatch.common.ThemeCatalog;
import thesiswatch.dashboard.score.Scorecard;

/**
 * Keeps {@code claim-verdicts} up to date on its own thread, off the indexing path: every interval,
 * when the index has changed since the last run, it computes the track record and appends what is
 * new. A failure (the broker away) is logged and tried again at the next interval; it never stops
 * the dashboard.
 */
public final class TrackRecordPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrackRecordPublisher.class);

  /**
   * How often the service looks for new verdicts: a closed period changes only when late articles
   * arrive, so a minute is prompt enough and costs one pass over day counts.
   */
  public static final Duration INTERVAL = Duration.ofMinutes(1);

  private static final Duration FIRST_RUN = Duration.ofSeconds(10);

  private final ScheduledExecutorService timer;
  private final ClaimVerdictLog log;
  private final Supplier<Scorecard> scorecard;
  private final LongSupplier indexVersion;
  private long lastVersion = -1;

  /**
   * Starts publishing every {@code interval}.
   *
   * @param scorecard the scorecard of the current themes (it changes when the themes file does)
   * @param indexVersion the index reader's version: the track record only changes with it
   */
  public TrackRecordPublisher(
      ClaimVerdictLog log,
      Supplier<Scorecard> scorecard,
      LongSupplier indexVersion,
      Duration interval) {
    this.log = log;
    this.scorecard = scorecard;
    this.indexVersion = indexVersion;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("dashboard-track-record"));
    // The first run soon after start, so a fresh dashboard records its history within seconds.
    long first = Math.min(interval.toMillis(), FIRST_RUN.toMillis());
    timer.scheduleWithFixedDelay(this::publish, first, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Appends what is new now; false when nothing had to be done or it failed (and was logged). */
  boolean publish() {
    try {
      long version = indexVersion.getAsLong();
      if (version == lastVersion) {
        return false;
      }
      Scorecard card = scorecard.get();
      ThemeCatalog catalog = card.catalog();
      Map<String, String> methods = new LinkedHashMap<>();
      catalog
          .themes()
          .forEach(theme -> methods.put(theme.id(), ClaimVerdictLog.methodHash(theme.test())));
      log.append(card.trackRecord(), catalog.version(), methods);
      lastVersion = version;
      return true;
    } catch (RuntimeException e) {
      LOG.warn("track record not published this time ({}); trying again later", e.toString());
      return false;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    log.close();
  }
}
