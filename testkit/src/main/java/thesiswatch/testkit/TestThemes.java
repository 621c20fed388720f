package thesiswatch.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The small theme set frozen for mechanism tests: how matching, stance, snippets, scripts, batches,
 * the Kafka loops and the commands work, whatever the shipped {@code seeds/themes.yml} — which
 * users edit and the quality tests measure — says.
 */
public final class TestThemes {

  private static final String RESOURCE = "/thesiswatch/testkit/themes.yml";
  private static Path file;

  private TestThemes() {}

  /** The fixture theme set as a file (copied out of the test kit's jar once per JVM). */
  public static synchronized Path file() {
    if (file == null) {
      try (InputStream in = TestThemes.class.getResourceAsStream(RESOURCE)) {
        Path copy = Files.createTempFile("thesiswatch-test-themes", ".yml");
        copy.toFile().deleteOnExit();
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        file = copy;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot copy " + RESOURCE, e);
      }
    }
    return file;
  }
}
