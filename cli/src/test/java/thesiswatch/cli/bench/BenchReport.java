package thesiswatch.cli.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import thesiswatch.cli.demo.SampleFeeds;

/** Runs a benchmark on the bundled seeds, as the CLI does, and returns its report's lines. */
final class BenchReport {

  /** A benchmark run over a setup. */
  interface Bench {
    void run(BenchSetup setup) throws Exception;
  }

  private BenchReport() {}

  static List<String> of(Bench bench) throws Exception {
    Path seeds = Path.of("../seeds");
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8)) {
      bench.run(
          new BenchSetup(
              SampleFeeds.articles(seeds.resolve("samples"), Instant.now()),
              seeds.resolve("themes.yml"),
              out));
    }
    return report.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
