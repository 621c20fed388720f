package thesiswatch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import thesiswatch.common.Json;
import thesiswatch.ingest.IngestConfig;
import thesiswatch.ingest.ParseLine;
import thesiswatch.ingest.ParseLines;

/** {@code thesiswatch parse FILE|URL...}: one JSON line per input, in input order. */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description =
        "Fetch and parse feeds as ingest does; print one JSON line per input (articles or a"
            + " classified error).")
final class ParseCommand implements Callable<Integer> {

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE|URL",
      description = "Feed files or http(s)/file: URLs.")
  List<String> inputs;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    IngestConfig config = IngestConfig.from(ServiceCommand.environment());
    PrintWriter out = spec.commandLine().getOut();
    boolean allParsed = true;
    for (String input : inputs) {
      ParseLine line = ParseLines.parse(input, config);
      allParsed &= line.error() == null;
      out.println(Json.write(line));
      out.flush();
    }
    // Like grep: 0 when every input parsed, 1 when some did not (their lines say why).
    return allParsed ? 0 : 1;
  }
}
