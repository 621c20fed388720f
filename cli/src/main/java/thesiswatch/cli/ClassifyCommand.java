package thesiswatch.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import thesiswatch.classifier.ClassifyLines;

/**
 * {@code thesiswatch classify}: headlines on stdin, one JSON line of themes (or of the line's
 * error) per input line on stdout.
 */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description =
        "Tag headlines from stdin (JSON objects with title/summary/lang/id, or plain text) with the"
            + " essay's themes.")
final class ClassifyCommand implements Callable<Integer> {

  @Option(
      names = "--themes",
      paramLabel = "FILE",
      description = "Themes file (default: $THEMES_FILE or seeds/themes.yml).")
  Path themes;

  @Option(
      names = "--explain",
      description =
          "Add the matching queries, the stance query that decided (stanceBy) and highlighted"
              + " snippets.")
  boolean explain;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path file = themes != null ? themes : Path.of(Home.seedFile("THEMES_FILE", "themes.yml"));
    PrintWriter out = spec.commandLine().getOut();
    // Closing the classifier stops Lucene Monitor's cache thread, which would keep the JVM alive.
    try (ClassifyLines classifier = new ClassifyLines(file, explain);
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      // Every input line, blank ones included, gets its output line, so output zips with input.
      if (!classifier.run(in, out)) {
        spec.commandLine()
            .getErr()
            .println("classify: stopped at a line without end: standard input is not lines");
        return 1;
      }
    }
    return 0;
  }
}
