package thesiswatch.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code thesiswatch bench reclassify} on a few hundred articles: all of them are republished, the
 * index still holds one per id, and the report ends with the line that extrapolates to a million
 * (its figures belong in docs/benchmarks.md, not in an assertion).
 */
class ReclassifyBenchIT {

  @Test
  void everyArticleIsRetaggedAndReindexedOnceAndTheLastLineExtrapolates() throws Exception {
    List<String> lines = BenchReport.of(setup -> new ReclassifyBench(setup).run(300));
    assertThat(lines).anyMatch(line -> line.startsWith("re-tag: 300 articles republished in "));
    assertThat(lines).contains("index: 300 articles after the replay (300 expected: one per id)");
    assertThat(lines).anyMatch(line -> line.startsWith("cpu classifier: "));
    assertThat(lines.get(lines.size() - 1))
        .matches(
            "reclassify: [0-9,]+ articles/s end to end \\(re-tag and re-index\\); 1,000,000"
                + " articles would take [0-9,.]+ min \\(target < 5 min\\)");
  }
}
