package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import thesiswatch.common.Env;

/** Every subcommand answers -h and --help with its usage, as people expect of a command line. */
class CommandLineHelpTest {

  @Test
  void everySubcommandPrintsItsUsageForHelp() {
    List<List<String>> commands = new ArrayList<>();
    collect(Main.commandLine(), List.of(), commands);
    // Every command the guide names, and the nested ones (backfill archive, …), are reached.
    assertThat(commands)
        .contains(
            List.of("demo"),
            List.of("query"),
            List.of("reclassify"),
            List.of("parse"),
            List.of("classify"),
            List.of("backfill"),
            List.of("backfill", "archive"),
            List.of("backfill", "warc"));
    for (List<String> command : commands) {
      for (String flag : new String[] {"-h", "--help"}) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine();
        List<String> args = new ArrayList<>(command);
        args.add(flag);
        int status =
            line.setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args.toArray(String[]::new));
        assertThat(status).as("%s %s: %s", command, flag, err).isZero();
        assertThat(out.toString())
            .as("%s %s", command, flag)
            .startsWith("Usage: thesiswatch " + String.join(" ", command));
        assertThat(err.toString()).as("%s %s", command, flag).doesNotContain("Unknown option");
      }
    }
  }

  private static void collect(CommandLine line, List<String> path, List<List<String>> into) {
    line.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (name.equals("help") || !sub.getCommandName().equals(name)) {
                return; // the help command, and aliases
              }
              List<String> command = new ArrayList<>(path);
              command.add(name);
              into.add(command);
              collect(sub, command, into);
            });
  }

  @Test
  void addressesComeFromTheFlagTheEnvironmentTheDemosFileOrTheDefaultInThatOrder(
      @TempDir Path data) {
    assertThat(Addresses.dashboard(null, data))
        .isEqualTo(new Addresses.Chosen("http://localhost:8080", "default"));
    assertThat(Addresses.kafka(null, null, data))
        .isEqualTo(new Addresses.Chosen("localhost:9092", "default"));
    new Addresses("http://localhost:18080", "localhost:19092").write(data);
    String file = data.resolve(Addresses.FILE).toString();
    assertThat(Addresses.dashboard(null, data))
        .isEqualTo(new Addresses.Chosen("http://localhost:18080", file));
    assertThat(Addresses.kafka(null, null, data))
        .isEqualTo(new Addresses.Chosen("localhost:19092", file));
    assertThat(Addresses.kafka(null, "broker:9092", data))
        .isEqualTo(new Addresses.Chosen("broker:9092", "KAFKA_BOOTSTRAP_SERVERS"));
    assertThat(Addresses.kafka("other:9093", "broker:9092", data))
        .isEqualTo(new Addresses.Chosen("other:9093", "--kafka"));
    assertThat(Addresses.dashboard("http://x:1/", data))
        .isEqualTo(new Addresses.Chosen("http://x:1", "--url"));
    Addresses.forget(data);
    assertThat(Addresses.dashboard(null, data).source()).isEqualTo("default");
  }

  @Test
  void backfillFindsTheDemosBrokerAsQueryAndReclassifyDo(@TempDir Path data) {
    new Addresses("http://localhost:18080", "localhost:19092").write(data);
    CommandLine line = Main.commandLine();
    line.parseArgs("backfill", "jsonl", "--data", data.toString(), "export.jsonl");
    BackfillCommand.Jsonl jsonl =
        line.getSubcommands().get("backfill").getSubcommands().get("jsonl").getCommand();
    Env none = new Env(Map.of());
    assertThat(jsonl.common.broker(none))
        .isEqualTo(
            new Addresses.Chosen("localhost:19092", data.resolve(Addresses.FILE).toString()));
    assertThat(jsonl.common.broker(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092"))))
        .isEqualTo(new Addresses.Chosen("broker:9092", "KAFKA_BOOTSTRAP_SERVERS"));
    line = Main.commandLine();
    line.parseArgs("backfill", "csv", "--kafka", "other:9093", "--data", data.toString(), "x.csv");
    BackfillCommand.Csv csv =
        line.getSubcommands().get("backfill").getSubcommands().get("csv").getCommand();
    assertThat(csv.common.broker(none)).isEqualTo(new Addresses.Chosen("other:9093", "--kafka"));
    // Without a demo's file: the default, and the command says so.
    line = Main.commandLine();
    line.parseArgs("backfill", "warc", "--data", data.resolve("none").toString(), "x.warc");
    BackfillCommand.Warc warc =
        line.getSubcommands().get("backfill").getSubcommands().get("warc").getCommand();
    assertThat(warc.common.broker(none).describe("kafka"))
        .isEqualTo("kafka localhost:9092 (from default)");
  }
}
