package thesiswatch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import thesiswatch.cli.bench.BackfillBench;
import thesiswatch.cli.bench.BenchSetup;
import thesiswatch.cli.bench.BenchSource;
import thesiswatch.cli.bench.ClassifierScaleBench;
import thesiswatch.cli.bench.LatencyBench;
import thesiswatch.cli.bench.PipelineBench;
import thesiswatch.cli.bench.ReclassifyBench;
import thesiswatch.cli.demo.SampleFeeds;
import thesiswatch.ingest.fault.FeedFault;

/**
 * {@code thesiswatch bench}: benchmarks of the product itself, written up in docs/benchmarks.md.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks of the product on this machine (see docs/benchmarks.md).",
    subcommands = {
      BenchCommand.Pipeline.class,
      BenchCommand.Classifiers.class,
      BenchCommand.Reclassify.class,
      BenchCommand.Backfill.class,
      BenchCommand.Latency.class
    })
final class BenchCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * What the benchmarks run on: the bundled sample headlines as templates, the themes of {@code
   * THEMES_FILE} (else the bundled ones), the report on stdout.
   */
  static BenchSetup setup() throws IOException, FeedFault {
    return new BenchSetup(
        SampleFeeds.articles(Home.seeds().resolve("samples"), Instant.now()),
        Path.of(Home.seedFile("THEMES_FILE", "themes.yml")),
        System.out);
  }

  /** {@code value}, refused unless at least {@code least}, naming {@code option}. */
  static int atLeast(String option, int value, int least) {
    if (value < least) {
      throw new IllegalArgumentException(option + " must be at least " + least + ", got " + value);
    }
    return value;
  }

  /** {@code thesiswatch bench pipeline}. */
  @Command(
      name = "pipeline",
      mixinStandardHelpOptions = true,
      description =
          "Push N articles (the sample headlines under distinct links) through an embedded"
              + " broker, the classifier and the dashboard's index, produced straight to articles"
              + " or read by ingest from feeds on loopback; the last line compares the end-to-end"
              + " rate with the broker's produce rate in the same run.")
  static final class Pipeline implements Callable<Integer> {

    @Option(
        names = "--articles",
        defaultValue = "50000",
        description = "Articles to push through (default: ${DEFAULT-VALUE}).")
    int articles;

    @Option(
        names = "--source",
        defaultValue = "synthetic",
        description =
            "Where the articles come from, one of: ${COMPLETION-CANDIDATES}. synthetic produces"
                + " them straight to articles before the clock starts; feeds serves them as RSS on"
                + " loopback and the real ingest reads them inside the clock (default:"
                + " ${DEFAULT-VALUE}).")
    BenchSource source;

    @Override
    public Integer call() throws Exception {
      new PipelineBench(setup()).run(atLeast("--articles", articles, 1), source);
      return 0;
    }
  }

  /** {@code thesiswatch bench classifiers}. */
  @Command(
      name = "classifiers",
      mixinStandardHelpOptions = true,
      description =
          "Tag N articles on an embedded broker with one classifier JVM, then with several in one"
              + " consumer group; the last line compares their rates.")
  static final class Classifiers implements Callable<Integer> {

    @Option(
        names = "--articles",
        defaultValue = "50000",
        description = "Articles each round tags (default: ${DEFAULT-VALUE}).")
    int articles;

    @Option(
        names = "--instances",
        defaultValue = "3",
        description =
            "Classifier JVMs of the second round, one per partition of articles at most"
                + " (default: ${DEFAULT-VALUE}).")
    int instances;

    @Override
    public Integer call() throws Exception {
      new ClassifierScaleBench(setup())
          .run(atLeast("--articles", articles, 1), atLeast("--instances", instances, 2));
      return 0;
    }
  }

  /** {@code thesiswatch bench reclassify}. */
  @Command(
      name = "reclassify",
      mixinStandardHelpOptions = true,
      description =
          "Produce, classify and index N articles on an embedded broker, then re-tag them all"
              + " with the real reclassify path while the dashboard re-indexes them; the last line"
              + " gives the end-to-end rate and what a million articles would take.")
  static final class Reclassify implements Callable<Integer> {

    @Option(
        names = "--articles",
        defaultValue = "50000",
        description =
            "Articles indexed, then re-tagged and re-indexed (default: ${DEFAULT-VALUE}).")
    int articles;

    @Override
    public Integer call() throws Exception {
      new ReclassifyBench(setup()).run(atLeast("--articles", articles, 1));
      return 0;
    }
  }

  /** {@code thesiswatch bench backfill}. */
  @Command(
      name = "backfill",
      mixinStandardHelpOptions = true,
      description =
          "Backfill N distinct articles from a web archive on loopback (CDX listings and RSS"
              + " captures) through the real archive backfill into an embedded broker, classified"
              + " and indexed as they arrive; the last line compares the end-to-end rate with the"
              + " broker's produce rate in the same run.")
  static final class Backfill implements Callable<Integer> {

    @Option(
        names = "--articles",
        defaultValue = "20000",
        description = "Distinct articles in the archive (default: ${DEFAULT-VALUE}).")
    int articles;

    @Override
    public Integer call() throws Exception {
      new BackfillBench(setup()).run(atLeast("--articles", articles, 1));
      return 0;
    }
  }

  /** {@code thesiswatch bench latency}. */
  @Command(
      name = "latency",
      mixinStandardHelpOptions = true,
      description =
          "Feeds on loopback gain items at a rate; ingest polls them, the classifier and the"
              + " dashboard index them; each item's time from its appearance in the feed to the"
              + " dashboard's search API listing it. The last line gives the p99 against the"
              + " target.")
  static final class Latency implements Callable<Integer> {

    @Option(
        names = "--rate",
        defaultValue = "200",
        description = "Items a second the feeds gain, together (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
        names = "--seconds",
        defaultValue = "60",
        description = "How long they gain items (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Override
    public Integer call() throws Exception {
      new LatencyBench(setup()).run(atLeast("--rate", rate, 1), atLeast("--seconds", seconds, 1));
      return 0;
    }
  }
}
