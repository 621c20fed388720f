package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import thesiswatch.cli.bench.BenchSource;

/** {@code bench pipeline --source}: written in lower case, defaulting to today's benchmark. */
class BenchCommandTest {

  @Test
  void sourceDefaultsToSyntheticAndTakesFeeds() {
    BenchCommand.Pipeline pipeline = new BenchCommand.Pipeline();
    new CommandLine(pipeline).parseArgs();
    assertThat(pipeline.source).isEqualTo(BenchSource.SYNTHETIC);
    new CommandLine(pipeline).parseArgs("--source", "feeds");
    assertThat(pipeline.source).isEqualTo(BenchSource.FEEDS);
  }

  @Test
  void anUnknownSourceIsRefusedNamingTheValues() {
    assertThatThrownBy(
            () -> new CommandLine(new BenchCommand.Pipeline()).parseArgs("--source", "rss"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("rss")
        .hasMessageContaining("synthetic")
        .hasMessageContaining("feeds");
  }

  @Test
  void theHelpListsTheSources() {
    // The usage wraps its lines; the words matter, not where they break.
    String usage =
        new CommandLine(new BenchCommand.Pipeline()).getUsageMessage().replaceAll("\\s+", " ");
    assertThat(usage).contains("one of: synthetic, feeds.");
  }
}
