package thesiswatch.classifier.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.classifier.Fixtures;
import thesiswatch.common.ThemesFile;

/**
 * What the classifier's hot reload sees as a themes file changes: a file copied over it by mistake
 * (larger than any themes file) is refused without being read whole, once, and a valid file after
 * it is taken.
 */
class ThemesWatcherTest {

  @TempDir Path dir;

  @Test
  void aHugeFileIsRefusedOnceUnreadAndTheNextValidOneIsTaken() throws IOException {
    Path themes = dir.resolve("themes.yml");
    Files.copy(Fixtures.THEMES, themes);
    ThemesWatcher watcher =
        new ThemesWatcher(themes, ThemesFile.versionOf(Files.readAllBytes(themes)));
    assertThat(watcher.check()).isEmpty();

    try (OutputStream out = Files.newOutputStream(themes)) {
      byte[] block = new byte[1 << 20];
      for (int i = 0; i <= ThemesFile.MAX_BYTES >> 20; i++) {
        out.write(block);
      }
    }
    assertThat(watcher.check())
        .hasValueSatisfying(
            change ->
                assertThat(change)
                    .isInstanceOfSatisfying(
                        ThemesWatcher.Refused.class,
                        refused ->
                            assertThat(refused.reason())
                                .isEqualTo("themes file " + themes + " is larger than 16 MiB")));
    assertThat(watcher.check()).as("the same refusal is not reported again").isEmpty();

    Files.copy(Fixtures.THEMES, themes, StandardCopyOption.REPLACE_EXISTING);
    assertThat(watcher.check())
        .hasValueSatisfying(
            change -> assertThat(change).isInstanceOf(ThemesWatcher.Accepted.class));
  }
}
