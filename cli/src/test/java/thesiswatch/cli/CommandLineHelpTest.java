package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every subcommand answers -h and --help with its usage, as people expect of a command line. */
class CommandLineHelpTest {

  @Test
  void everySubcommandPrintsItsUsageForHelp() {
    for (String name : Main.commandLine().getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      for (String flag : new String[] {"-h", "--help"}) {
        StringWriter out = new StringWriter();
        CommandLine line = Main.commandLine();
        int status = line.setOut(new PrintWriter(out)).execute(name, flag);
        assertThat(status).as("%s %s", name, flag).isZero();
        assertThat(out.toString()).as("%s %s", name, flag).startsWith("Usage: thesiswatch " + name);
      }
    }
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
}
