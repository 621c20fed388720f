package thesiswatch.cli.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import thesiswatch.backfill.BackfillJob;
import thesiswatch.backfill.Sources;
import thesiswatch.backfill.archive.ArchiveSource;
import thesiswatch.backfill.archive.Rates;
import thesiswatch.backfill.run.Listener;
import thesiswatch.backfill.run.Summary;
import thesiswatch.ingest.IngestConfig;
import thesiswatch.ingest.feeds.FeedSpec;

/**
 * {@code bench backfill}: the product's archive backfill ({@link BackfillJob} over {@link
 * Sources#archive}, what {@code thesiswatch backfill archive} runs) reads a {@link LoopbackArchive}
 * of {@code count} distinct articles into {@code articles} while the classifier and the dashboard
 * run as in {@link PipelineBench}. The clock runs from the backfill's start until the dashboard's
 * index holds every distinct article. For the ratio, the broker's produce rate is measured in the
 * same run first, on a scratch topic the pipeline does not read.
 *
 * <p>The pacer is set to the fastest rate {@link Rates} accepts ({@value #RATE}, for captures and
 * CDX listings alike): its delay is then at most a millisecond a request, below what a request and
 * its parse take here, so the archive and the backfill's own work bound the run, not politeness
 * (the defaults, one capture a second, are for real archives).
 */
public final class BackfillBench {

  /** The pacer's rate: the most {@code Rates} allows; a millisecond between two requests. */
  static final String RATE = "1000/s";

  private final BenchSetup setup;

  /** A benchmark of {@code setup}'s headlines and themes, reporting to its output. */
  public BackfillBench(BenchSetup setup) {
    this.setup = setup;
  }

  /** Runs it over {@code count} articles; returns the end-to-end rate in articles/s. */
  public double run(int count) throws Exception {
    try (BenchStack stack = BenchStack.start("backfill", setup.themes());
        LoopbackArchive archive = LoopbackArchive.start(setup.headlines(), count)) {
      double produceRate = BenchArticles.produceRate(stack.bootstrapServers(), setup, count);
      setup
          .out()
          .printf(
              "archive: %d feeds, %,d captures of up to %d items (%d new in each), %,d distinct"
                  + " articles, at %s; pacing %s for captures and listings%n",
              LoopbackArchive.FEEDS,
              archive.captures(),
              LoopbackArchive.ITEMS,
              LoopbackArchive.FRESH,
              (long) count,
              archive.url(),
              RATE);

      IngestConfig config =
          IngestConfig.from(stack.env(Map.of("INGEST_ALLOW_PRIVATE", archive.hostPort())));
      BackfillJob job =
          new BackfillJob(
              source(archive, config), stack.bootstrapServers(), config, Clock.systemUTC());
      StageCpu cpu = StageCpu.start();
      Instant start = Instant.now();
      stack.startServices();
      AtomicReference<Summary> summary = new AtomicReference<>();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      // Its own thread, named so that its CPU (fetch, parse, dedupe, produce) counts as backfill.
      Thread backfill =
          new Thread(
              () -> {
                try {
                  summary.set(job.run(Listener.NONE));
                } catch (RuntimeException | Error e) {
                  failure.set(e);
                }
              },
              "backfill-bench");
      backfill.start();
      List<String> lag = new ArrayList<>();
      Duration elapsed =
          stack.await(
              () -> {
                if (failure.get() != null) {
                  throw new IllegalStateException("the backfill failed", failure.get());
                }
                return stack.indexed();
              },
              count,
              start,
              lag);
      backfill.join();
      Summary done = summary.get();
      if (done == null || done.stopped() != null || done.articles() != count) {
        throw new IllegalStateException(
            "the backfill did not publish all "
                + count
                + " articles: "
                + (done == null ? failure.get() : done.line()));
      }
      cpu.report(setup.out(), count);
      double seconds = Math.max(1, done.elapsed().toMillis()) / 1000.0;
      setup.out().println(done.line());
      setup
          .out()
          .printf(
              "backfill: %,d captures in %,d ms, %,.1f captures/s (%,.1f MiB/s of feed XML);"
                  + " %,d articles into articles at %,.0f articles/s; %,d items seen before%n",
              done.done(),
              done.elapsed().toMillis(),
              done.done() / seconds,
              archive.bytesServed() / seconds / (1024 * 1024),
              done.articles(),
              done.articles() / seconds,
              done.alreadySeen());
      setup
          .out()
          .println("index lag (articles not yet searchable), every 5 s: " + String.join(" ", lag));
      setup
          .out()
          .printf(
              "index: %,d articles (%,d distinct in the archive)%n", stack.indexed(), (long) count);
      double endToEnd = count * 1000.0 / Math.max(1, elapsed.toMillis());
      setup
          .out()
          .printf(
              "backfill: %,.0f articles/s end to end from a loopback archive; broker produce %,.0f"
                  + " articles/s in the same run; ratio %.3f%n",
              endToEnd, produceRate, endToEnd / produceRate);
      return endToEnd;
    }
  }

  /** The archive source as {@code backfill archive} builds it, paced at {@link #RATE}. */
  private static ArchiveSource source(LoopbackArchive archive, IngestConfig config) {
    return Sources.archive(
        archive.url(),
        archive.feedUrls().stream().map(url -> FeedSpec.of(url, null)).toList(),
        archive.firstDay(),
        archive.lastDay(),
        new Sources.Politeness(RATE, RATE, Sources.DEFAULT_BACKOFF, Sources.DEFAULT_MAX_FAILURES),
        config,
        Clock.systemUTC(),
        duration -> Thread.sleep(duration.toMillis()),
        false);
  }
}
