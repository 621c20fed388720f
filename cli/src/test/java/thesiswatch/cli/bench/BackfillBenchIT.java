package thesiswatch.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code thesiswatch bench backfill} on a few hundred articles: every capture of the loopback
 * archive is fetched, every distinct article is published once and reaches the index, and the
 * report ends with the line that compares the rates (its figures belong in docs/benchmarks.md).
 */
class BackfillBenchIT {

  @Test
  void everyCaptureIsFetchedAndEveryDistinctArticleIndexedAndTheLastLineComparesTheRates()
      throws Exception {
    List<String> lines = BenchReport.of(setup -> new BackfillBench(setup).run(500));
    // 500 articles in 4 feeds of 125, 60 new a capture: 3 captures each, showing items 0-59,
    // 40-119 and 45-124 (the newest 80): 20 and then 75 items of each feed are seen again.
    assertThat(lines)
        .anyMatch(line -> line.startsWith("archive: 4 feeds, 12 captures of up to 80"));
    assertThat(lines)
        .anyMatch(
            line ->
                line.startsWith("backfill: 12 captures in ")
                    && line.contains(" 500 articles into articles at ")
                    && line.endsWith("; 380 items seen before"));
    assertThat(lines).contains("index: 500 articles (500 distinct in the archive)");
    assertThat(lines).anyMatch(line -> line.startsWith("cpu backfill: "));
    assertThat(lines.get(lines.size() - 1))
        .matches(
            "backfill: [0-9,]+ articles/s end to end from a loopback archive; broker produce"
                + " [0-9,]+ articles/s in the same run; ratio [0-9.]+");
  }
}
