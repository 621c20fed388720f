package thesiswatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code thesiswatch} command. */
@Command(
    name = "thesiswatch",
    mixinStandardHelpOptions = true,
    version = "thesiswatch 0.1.0",
    description =
        "Holds an essay's thesis up against the live news: feeds → Kafka → Lucene themes →"
            + " dashboard.",
    subcommands = {
      DemoCommand.class,
      ServiceCommand.Ingest.class,
      ServiceCommand.Classifier.class,
      ServiceCommand.Dashboard.class,
      ParseCommand.class,
      ClassifyCommand.class,
      ReclassifyCommand.class,
      QueryCommand.class,
      TopicsCommand.class,
      BackfillCommand.class,
      BenchCommand.class,
      HealthcheckCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    // The JDK's HTTP server (the ops endpoint, the demo's and the benchmarks' loopback feeds and
    // archive) leaves Nagle's algorithm on by default: with the client's delayed ACK, each small
    // response waited ~40 ms, which bounded bench backfill at 16 captures/s (78/s without it).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests. */
  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(
            (exception, commandLine, parseResult) -> {
              // Expected failures (bad settings, a taken port, a locked data directory) are one
              // line, not a trace.
              commandLine
                  .getErr()
                  .println(
                      "thesiswatch "
                          + commandLine.getCommandName()
                          + ": "
                          + exception.getMessage());
              return 2;
            });
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
