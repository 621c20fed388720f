package thesiswatch.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import thesiswatch.cli.demo.SampleFeeds;

/**
 * {@code thesiswatch bench pipeline} on a few hundred articles: every article is counted through to
 * the index, and the report ends with the line that compares the two rates (its figures belong in
 * docs/benchmarks.md, not in an assertion).
 */
class PipelineBenchIT {

  @Test
  void everyArticleReachesTheIndexAndTheLastLineComparesTheRates() throws Exception {
    Path seeds = Path.of("../seeds");
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    double rate;
    try (PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8)) {
      rate =
          new PipelineBench(
                  SampleFeeds.articles(seeds.resolve("samples"), Instant.now()),
                  seeds.resolve("themes.yml"),
                  out)
              .run(300);
    }
    List<String> lines = report.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(rate).isPositive();
    assertThat(lines).anyMatch(line -> line.startsWith("cpu classifier: "));
    assertThat(lines.get(lines.size() - 1))
        .matches(
            "pipeline: [0-9,]+ articles/s end to end; broker produce [0-9,]+ articles/s in the"
                + " same run; ratio [0-9.]+");
  }
}
