package thesiswatch.cli.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import thesiswatch.common.Env;
import thesiswatch.ingest.IngestConfig;

/**
 * The whole-pipeline benchmark over {@code count} articles made from the bundled sample headlines
 * (Chinese and English, their real lengths and theme mix, each under a distinct link), from one of
 * two {@link BenchSource sources}:
 *
 * <ul>
 *   <li>{@code synthetic}: the articles are produced straight to {@code articles} on an embedded
 *       broker; then the classifier and the dashboard start, and the clock runs until the
 *       dashboard's index holds all of them — transactions, Kafka hops and indexing included.
 *   <li>{@code feeds}: the broker's produce rate is measured first on a scratch topic; then the
 *       articles are served as RSS by a {@link FeedShelf} on loopback, and the clock runs from the
 *       start of the real ingest ({@link BenchStack#ingestSettings}, as every bench of ingest),
 *       with the classifier and the dashboard, until the index holds all of them — fetch, parse,
 *       dedupe and ingest's transactions included as well.
 * </ul>
 *
 * It reports the broker's produce rate, the end to end rate, the index's lag over time, CPU per
 * article by stage (from the threads' CPU time) and the peak heap, and ends with one line comparing
 * the two rates, the same for both sources.
 */
public final class PipelineBench {

  private final BenchSetup setup;

  /** A benchmark of {@code setup}'s headlines and themes, reporting to its output. */
  public PipelineBench(BenchSetup setup) {
    this.setup = setup;
  }

  /** Runs it with {@code count} synthetic articles; returns the end-to-end rate in articles/s. */
  public double run(int count) throws Exception {
    return run(count, BenchSource.SYNTHETIC);
  }

  /**
   * Runs it with {@code count} articles from {@code source}; returns the end-to-end rate in
   * articles per second.
   */
  public double run(int count, BenchSource source) throws Exception {
    if (source == BenchSource.FEEDS) {
      // The shelf outlives the stack: ingest stops before its feeds go, not failing on them.
      try (FeedShelf shelf = FeedShelf.start(setup.headlines(), count);
          BenchStack stack = BenchStack.start("pipeline", setup.themes())) {
        return throughFeeds(stack, shelf, count);
      }
    }
    try (BenchStack stack = BenchStack.start("pipeline", setup.themes())) {
      return synthetic(stack, count);
    }
  }

  private double synthetic(BenchStack stack, int count) throws Exception {
    double produceRate = BenchArticles.produce(stack.bootstrapServers(), setup.headlines(), count);
    setup.out().printf("broker: produced %,d articles at %,.0f articles/s%n", count, produceRate);

    StageCpu cpu = StageCpu.start();
    Instant start = Instant.now();
    stack.startServices();
    List<String> lag = new ArrayList<>();
    Duration elapsed = stack.await(stack.indexGauge(), count, start, lag);
    return report(stack, count, elapsed, lag, cpu, produceRate, null);
  }

  private double throughFeeds(BenchStack stack, FeedShelf shelf, int count) throws Exception {
    double produceRate = BenchArticles.produceRate(stack.bootstrapServers(), setup, count);
    Map<String, String> settings = stack.ingestSettings(shelf.urls(), shelf.hostPort());
    IngestConfig config = IngestConfig.from(stack.env(settings));
    if (config.maxEntries() < FeedShelf.MAX_ITEMS) {
      // Ingest would keep only the first entries of each feed: the rest never reach the index.
      throw new IllegalArgumentException(
          "bench pipeline --source feeds serves up to "
              + FeedShelf.MAX_ITEMS
              + " items a feed; INGEST_MAX_ENTRIES="
              + config.maxEntries()
              + " would drop some");
    }
    setup
        .out()
        .printf(
            "feeds: %,d on loopback, %,d items (up to %d a feed), %,.1f MiB; ingest polls every"
                + " %s (INGEST_POLL_INTERVAL)%n",
            shelf.feeds(),
            shelf.items(),
            FeedShelf.MAX_ITEMS,
            shelf.bytesHeld() / (1024.0 * 1024),
            Env.format(config.pollInterval()));

    StageCpu cpu = StageCpu.start();
    Instant start = Instant.now();
    stack.startIngest(settings);
    stack.startServices();
    List<String> lag = new ArrayList<>();
    Duration elapsed = stack.await(stack.indexGauge(), count, start, lag);
    return report(stack, count, elapsed, lag, cpu, produceRate, shelf.line());
  }

  /** The report from the end of the wait on, {@code feeds} (a line about them) if not null. */
  private double report(
      BenchStack stack,
      int count,
      Duration elapsed,
      List<String> lag,
      StageCpu cpu,
      double produceRate,
      String feeds) {
    double endToEnd = count * 1000.0 / Math.max(1, elapsed.toMillis());
    setup
        .out()
        .printf(
            "pipeline: classified and indexed %,d articles in %,d ms%n", count, elapsed.toMillis());
    if (feeds != null) {
      setup.out().println(feeds);
    }
    setup
        .out()
        .println("index lag (articles not yet searchable), every 5 s: " + String.join(" ", lag));
    cpu.report(setup.out(), count);
    stack.reportTransactions(setup.out(), count);
    setup
        .out()
        .printf(
            "pipeline: %,.0f articles/s end to end; broker produce %,.0f articles/s in the same"
                + " run; ratio %.3f%n",
            endToEnd, produceRate, endToEnd / produceRate);
    return endToEnd;
  }
}
