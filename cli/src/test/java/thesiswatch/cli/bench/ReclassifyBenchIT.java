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
 * {@code thesiswatch bench reclassify} on a few hundred articles: all of them are republished, the
 * index still holds one per id, and the report ends with the line that extrapolates to a million
 * (its figures belong in docs/benchmarks.md, not in an assertion).
 */
class ReclassifyBenchIT {

  @Test
  void everyArticleIsRetaggedAndReindexedOnceAndTheLastLineExtrapolates() throws Exception {
    Path seeds = Path.of("../seeds");
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    double rate;
    try (PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8)) {
      rate =
          new ReclassifyBench(
                  SampleFeeds.articles(seeds.resolve("samples"), Instant.now()),
                  seeds.resolve("themes.yml"),
                  out)
              .run(300);
    }
    List<String> lines = report.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(rate).isPositive();
    assertThat(lines).anyMatch(line -> line.startsWith("re-tag: 300 articles republished in "));
    assertThat(lines).contains("index: 300 articles after the replay (300 expected: one per id)");
    assertThat(lines).anyMatch(line -> line.startsWith("cpu classifier: "));
    assertThat(lines.get(lines.size() - 1))
        .matches(
            "reclassify: [0-9,]+ articles/s end to end \\(re-tag and re-index\\); 1,000,000"
                + " articles would take [0-9,.]+ min \\(target < 5 min\\)");
  }
}
