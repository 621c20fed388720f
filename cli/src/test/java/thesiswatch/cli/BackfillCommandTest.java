package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code backfill archive} refuses, before anything is asked of Kafka or an archive, an archive or
 * a feed that is not a web address, naming the option: a {@code file:} archive is no CDX server, a
 * {@code javascript:} feed has no captures.
 */
class BackfillCommandTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "file:///etc|https://news.example/feed.xml|invalid --archive 'file:///etc': expected an"
            + " http or https URL",
        "gopher://archive.example|https://news.example/feed.xml|invalid --archive"
            + " 'gopher://archive.example'",
        "https://|https://news.example/feed.xml|invalid --archive 'https://'",
        "https://web.archive.org|javascript:alert(1)|invalid --feed 'javascript:alert(1)': archives"
            + " hold captures of http and https URLs",
        "https://web.archive.org|file:///etc/passwd|invalid --feed 'file:///etc/passwd'",
      })
  void anArchiveOrFeedThatIsNoWebAddressIsRefusedAtOnce(
      String archive, String feed, String message) {
    StringWriter err = new StringWriter();
    CommandLine line = Main.commandLine();
    line.setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err));
    int status =
        line.execute(
            "backfill",
            "archive",
            "--archive",
            archive,
            "--feed",
            feed,
            "--from",
            "2025-01-01",
            "--to",
            "2025-01-31",
            "--dry-run");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains(message);
  }
}
