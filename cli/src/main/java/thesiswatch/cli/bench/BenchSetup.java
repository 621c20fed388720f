package thesiswatch.cli.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import thesiswatch.common.Article;

/**
 * What every benchmark is given.
 *
 * @param headlines template articles (their titles, summaries and languages; links are replaced),
 *     at least one: a benchmark of nothing would divide by zero in its rates
 * @param themes the themes file the classifier tags with
 * @param out where the report goes, its summary line last
 */
public record BenchSetup(List<Article> headlines, Path themes, PrintStream out) {

  public BenchSetup {
    if (headlines.isEmpty()) {
      throw new IllegalArgumentException("the benchmark needs at least one headline");
    }
    headlines = List.copyOf(headlines);
  }
}
