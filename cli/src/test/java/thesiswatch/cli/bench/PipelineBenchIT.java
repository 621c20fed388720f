package thesiswatch.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code thesiswatch bench pipeline} on a few hundred articles, from each source: every article is
 * counted through to the index, and the report ends with the line that compares the two rates (its
 * figures belong in docs/benchmarks.md, not in an assertion).
 */
class PipelineBenchIT {

  @Test
  void everyArticleReachesTheIndexAndTheLastLineComparesTheRates() throws Exception {
    List<String> lines = BenchReport.of(setup -> new PipelineBench(setup).run(300));
    assertThat(lines)
        .anyMatch(line -> line.startsWith("pipeline: classified and indexed 300 articles in "));
    assertThat(lines).anyMatch(line -> line.startsWith("cpu classifier: "));
    assertThat(lines)
        .anyMatch(line -> line.matches("cpu jit compilers: [0-9.]+ ms per article \\(.*"))
        .anyMatch(
            line ->
                line.matches(
                    "cpu whole process: [0-9.]+ ms per article \\([0-9.]+ s in [0-9.]+ s:"
                        + " [0-9.]+ of [0-9]+ cores busy\\)"));
    assertThat(lines.get(lines.size() - 1))
        .matches(
            "pipeline: [0-9,]+ articles/s end to end; broker produce [0-9,]+ articles/s in the"
                + " same run; ratio [0-9.]+");
  }

  @Test
  void fromFeedsEveryArticleIsReadByIngestAndReachesTheIndex() throws Exception {
    // 1,200 articles: three feeds of 400, so both languages and more than one feed of one.
    List<String> lines =
        BenchReport.of(setup -> new PipelineBench(setup).run(1_200, BenchSource.FEEDS));
    assertThat(lines)
        .anyMatch(line -> line.startsWith("feeds: 3 on loopback, 1,200 items (up to 500 a feed)"))
        .anyMatch(line -> line.startsWith("pipeline: classified and indexed 1,200 articles in "))
        .anyMatch(
            line -> line.matches("feeds served: [0-9,]+ fetches of 3 feeds .* of 1,200 items"))
        .anyMatch(line -> line.startsWith("cpu ingest: "))
        .anyMatch(line -> line.startsWith("cpu classifier: "));
    assertThat(lines.get(lines.size() - 1))
        .matches(
            "pipeline: [0-9,]+ articles/s end to end; broker produce [0-9,]+ articles/s in the"
                + " same run; ratio [0-9.]+");
  }
}
