package thesiswatch.cli.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.backfill.BackfillJob;
import thesiswatch.backfill.Sources;
import thesiswatch.backfill.archive.ArchiveSource;
import thesiswatch.backfill.run.Listener;
import thesiswatch.backfill.run.Summary;
import thesiswatch.ingest.IngestConfig;
import thesiswatch.ingest.feeds.FeedList;
import thesiswatch.ingest.feeds.FeedSpec;

/**
 * The live demo's background backfill: the shipped feeds' history from the Wayback Machine for the
 * essay's window (from {@link #FROM}, the baseline before its year, to today), at the archive's
 * polite default rate, on its own thread. Its progress goes to {@code backfill-state}, which the
 * page shows, and to the log now and then. Without a network it says so once and the demo goes on.
 */
final class DemoBackfill implements AutoCloseable {

  /** The essay's window starts here: half a year of baseline before its 2025. */
  static final LocalDate FROM = LocalDate.of(2024, 7, 1);

  private static final Logger LOG = LoggerFactory.getLogger(DemoBackfill.class);
  private static final Duration LOG_EVERY = Duration.ofMinutes(2);

  private final BackfillJob job;
  private final Thread thread;

  private DemoBackfill(BackfillJob job) {
    this.job = job;
    this.thread = new Thread(this::run, "demo-backfill");
    this.thread.setDaemon(true);
  }

  /** Starts backfilling the feeds of {@code feedList} into the demo's broker. */
  static DemoBackfill start(Path feedList, String bootstrapServers, IngestConfig config)
      throws IOException {
    List<FeedSpec> feeds = FeedList.read(feedList).stream().filter(FeedSpec::enabled).toList();
    Clock clock = Clock.systemUTC();
    BackfillJob job =
        new BackfillJob(
            Sources.archive(
                ArchiveSource.WAYBACK,
                feeds,
                FROM,
                LocalDate.now(ZoneOffset.UTC),
                Sources.Politeness.DEFAULTS,
                config,
                clock,
                duration -> Thread.sleep(duration.toMillis()),
                true),
            bootstrapServers,
            config,
            clock);
    DemoBackfill backfill = new DemoBackfill(job);
    backfill.thread.start();
    LOG.info(
        "demo: backfilling {} feeds from the Wayback Machine since {} in the background"
            + " (--no-backfill turns it off)",
        feeds.size(),
        FROM);
    return backfill;
  }

  private void run() {
    try {
      Summary summary = job.run(new LogListener());
      if (summary.stopped() != null && summary.stopped().contains("cannot be reached")) {
        LOG.warn(
            "demo: no backfill — {}; the demo goes on with the live feeds only",
            summary.stopped().replaceFirst("^backfill: ", ""));
      } else {
        LOG.info("demo: {}", summary.line());
      }
    } catch (KafkaException | IllegalStateException e) {
      LOG.warn("demo: the backfill stopped: {}", e.getMessage());
    }
  }

  /** Stops the backfill after its current request; what it committed stays. */
  @Override
  public void close() {
    job.requestStop();
    thread.interrupt();
    try {
      thread.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Progress in the log every few minutes, not on the terminal the demo prints its URLs to. */
  private static final class LogListener implements Listener {
    private Instant logged = Instant.MIN;

    @Override
    public void started(String kind, long remaining) {
      LOG.info("demo: backfill has {} captures to fetch", remaining);
    }

    @Override
    public void stepped(Summary soFar) {
      Instant now = Instant.now();
      if (Duration.between(logged, now).compareTo(LOG_EVERY) >= 0) {
        logged = now;
        LOG.info(
            "demo: backfill {}/{} captures, {} articles",
            soFar.done(),
            soFar.total(),
            soFar.articles());
      }
    }

    @Override
    public void finished(Summary summary) {}
  }
}
