package thesiswatch.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code thesiswatch bench latency} for a few seconds: every item the feeds gained is found through
 * the search API, and the report ends with the p99 line (its figures belong in docs/benchmarks.md,
 * not in an assertion).
 */
class LatencyBenchIT {

  @Test
  void everyFeedItemBecomesSearchableAndTheLastLineGivesTheP99() throws Exception {
    List<String> lines = BenchReport.of(setup -> new LatencyBench(setup).run(50, 2));
    assertThat(lines).anyMatch(line -> line.contains("(100 items, all searchable; probe every"));
    assertThat(lines).anyMatch(line -> line.startsWith("cpu ingest: "));
    assertThat(lines.get(lines.size() - 1))
        .matches(
            "latency: p99 [0-9,]+ ms from feed item to searchable at 50 articles/s \\(target <="
                + " poll interval \\+ 2 s = 3,000 ms\\)");
  }

  @Test
  void percentilesAreNearestRank() {
    long[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(LatencyBench.percentile(values, 50)).isEqualTo(5);
    assertThat(LatencyBench.percentile(values, 95)).isEqualTo(10);
    assertThat(LatencyBench.percentile(values, 99)).isEqualTo(10);
  }
}
