package thesiswatch.cli.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole-pipeline benchmark: {@code count} articles made from the bundled sample headlines
 * (Chinese and English, their real lengths and theme mix, each repeated under distinct links) are
 * produced straight to {@code articles} on an embedded broker; then the classifier and the
 * dashboard start, and the clock runs until the dashboard's index holds all of them — transactions,
 * Kafka hops and indexing included. It reports the broker's produce rate, the end to end rate, the
 * index's lag over time, CPU per article by stage (from the threads' CPU time) and the peak heap,
 * and ends with one line comparing the two rates.
 */
public final class PipelineBench {

  private final BenchSetup setup;

  /** A benchmark of {@code setup}'s headlines and themes, reporting to its output. */
  public PipelineBench(BenchSetup setup) {
    this.setup = setup;
  }

  /** Runs it with {@code count} articles; returns the end-to-end rate in articles per second. */
  public double run(int count) throws Exception {
    try (BenchStack stack = BenchStack.start("pipeline", setup.themes())) {
      double produceRate =
          BenchArticles.produce(stack.bootstrapServers(), setup.headlines(), count);
      setup.out().printf("broker: produced %,d articles at %,.0f articles/s%n", count, produceRate);

      StageCpu cpu = StageCpu.start();
      Instant start = Instant.now();
      stack.startServices();
      List<String> lag = new ArrayList<>();
      Duration elapsed = stack.await(stack.indexGauge(), count, start, lag);
      double endToEnd = count * 1000.0 / Math.max(1, elapsed.toMillis());
      setup
          .out()
          .printf(
              "pipeline: classified and indexed %,d articles in %,d ms%n",
              count, elapsed.toMillis());
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
}
