package thesiswatch.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import thesiswatch.cli.bench.ClassifierScaleBench;
import thesiswatch.cli.bench.PipelineBench;
import thesiswatch.cli.demo.SampleFeeds;

/**
 * {@code thesiswatch bench}: benchmarks of the product itself, written up in docs/benchmarks.md.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks of the product on this machine (see docs/benchmarks.md).",
    subcommands = {BenchCommand.Pipeline.class, BenchCommand.Classifiers.class})
final class BenchCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code thesiswatch bench pipeline}. */
  @Command(
      name = "pipeline",
      mixinStandardHelpOptions = true,
      description =
          "Produce N articles (the sample headlines under distinct links) to an embedded broker,"
              + " then classify and index them; the last line compares the end-to-end rate with"
              + " the broker's produce rate in the same run.")
  static final class Pipeline implements Callable<Integer> {

    @Option(
        names = "--articles",
        defaultValue = "50000",
        description = "Articles to push through (default: ${DEFAULT-VALUE}).")
    int articles;

    @Override
    public Integer call() throws Exception {
      if (articles < 1) {
        throw new IllegalArgumentException("--articles must be at least 1, got " + articles);
      }
      new PipelineBench(
              SampleFeeds.articles(Home.seeds().resolve("samples"), Instant.now()),
              Path.of(Home.seedFile("THEMES_FILE", "themes.yml")),
              System.out)
          .run(articles);
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
      if (articles < 1 || instances < 2) {
        throw new IllegalArgumentException(
            "--articles must be at least 1 and --instances at least 2, got "
                + articles
                + " and "
                + instances);
      }
      new ClassifierScaleBench(
              SampleFeeds.articles(Home.seeds().resolve("samples"), Instant.now()),
              Path.of(Home.seedFile("THEMES_FILE", "themes.yml")),
              System.out)
          .run(articles, instances);
      return 0;
    }
  }
}
