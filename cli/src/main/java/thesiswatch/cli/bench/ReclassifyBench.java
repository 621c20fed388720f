package thesiswatch.cli.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import thesiswatch.classifier.ClassifierConfig;
import thesiswatch.classifier.Reclassify;
import thesiswatch.common.Env;

/**
 * {@code bench reclassify}: {@code count} articles are produced, classified and indexed as in
 * {@link PipelineBench}; then the real re-classification path ({@link Reclassify#run}, what {@code
 * thesiswatch reclassify} runs) replays all of them into {@code articles.tagged} while the running
 * dashboard re-indexes them. The clock runs from the replay's start until the dashboard's own
 * counter of articles written to its index ({@code thesiswatch.dashboard.articles.indexed}) has
 * grown by {@code count}: every new version applied. The index must still hold {@code count}
 * articles afterwards (the dashboard keeps the newest version per id); the report says so.
 */
public final class ReclassifyBench {

  /** The target, in minutes: a million articles re-tagged and re-indexed in under five. */
  private static final double TARGET_MINUTES = 5;

  private static final long MILLION = 1_000_000;

  private final BenchSetup setup;

  /** A benchmark of {@code setup}'s headlines and themes, reporting to its output. */
  public ReclassifyBench(BenchSetup setup) {
    this.setup = setup;
  }

  /** Runs it over {@code count} articles; returns the end-to-end replay rate in articles/s. */
  public double run(int count) throws Exception {
    try (BenchStack stack = BenchStack.start("reclassify", setup.themes())) {
      double produceRate =
          BenchArticles.produce(stack.bootstrapServers(), setup.headlines(), count);
      Instant loading = Instant.now();
      stack.startServices();
      Duration loaded = stack.await(stack.indexGauge(), count, loading, new ArrayList<>());
      setup
          .out()
          .printf(
              "first pass: produced %,d articles at %,.0f articles/s; classified and indexed in %,d"
                  + " ms%n",
              count, produceRate, loaded.toMillis());

      DoubleSupplier written =
          stack.registry().get("thesiswatch.dashboard.articles.indexed").counter()::count;
      long before = (long) written.getAsDouble();
      StageCpu cpu = StageCpu.start();
      Instant start = Instant.now();
      Replay replay = Replay.start(stack.env(Map.of()));
      List<String> lag = new ArrayList<>();
      Duration elapsed =
          stack.await(
              () -> {
                replay.check();
                return written.getAsDouble();
              },
              before + count,
              start,
              lag);
      Duration retag = replay.await();
      cpu.report(setup.out(), count);
      setup
          .out()
          .printf(
              "re-tag: %,d articles republished in %,d ms, %,.0f articles/s (the replay alone,"
                  + " while the dashboard re-indexed)%n",
              replay.republished.get(), retag.toMillis(), count * 1000.0 / retag.toMillis());
      setup
          .out()
          .println(
              "re-index lag (new versions not yet in the index), every 5 s: "
                  + String.join(" ", lag));
      // The index's size is as of its last refresh: give the dashboard one to see the last batch.
      Thread.sleep(1000);
      long size = stack.indexed();
      setup
          .out()
          .printf(
              "index: %,d articles after the replay (%,d expected: one per id)%n",
              size, (long) count);
      if (size != count || replay.republished.get() != count) {
        throw new IllegalStateException(
            "reclassify republished "
                + replay.republished.get()
                + " and the index holds "
                + size
                + ", expected "
                + count
                + " each");
      }
      double endToEnd = count * 1000.0 / Math.max(1, elapsed.toMillis());
      setup
          .out()
          .printf(
              "reclassify: %,.0f articles/s end to end (re-tag and re-index); 1,000,000 articles"
                  + " would take %.1f min (target < %.0f min)%n",
              endToEnd, MILLION / endToEnd / 60, TARGET_MINUTES);
      return endToEnd;
    }
  }

  /**
   * {@link Reclassify#run} on a thread of its own, named so that its CPU counts as the
   * classifier's, timed from its start to its return.
   */
  private static final class Replay {
    final AtomicLong republished = new AtomicLong(-1);
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile Duration took;

    private Replay(ClassifierConfig config) {
      thread =
          new Thread(
              () -> {
                Instant start = Instant.now();
                try {
                  republished.set(Reclassify.run(config));
                } catch (RuntimeException | Error e) {
                  failure.set(e);
                }
                took = Duration.between(start, Instant.now());
              },
              "classifier-reclassify");
    }

    static Replay start(Env env) {
      Replay replay = new Replay(ClassifierConfig.from(env));
      replay.thread.start();
      return replay;
    }

    /** Throws the replay's failure, if it failed: the dashboard would wait for ever. */
    void check() {
      if (failure.get() != null) {
        throw new IllegalStateException("reclassify failed", failure.get());
      }
    }

    /** Waits for the replay to return; returns how long it ran. */
    Duration await() throws InterruptedException {
      thread.join();
      check();
      return took;
    }
  }
}
