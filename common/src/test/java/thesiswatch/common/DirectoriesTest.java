package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {

  @Test
  void aTreeIsDeletedWithEverythingBelowIt(@TempDir Path temp) throws Exception {
    Path dir = Files.createDirectories(temp.resolve("work/kafka/logs"));
    Files.writeString(dir.resolve("00000.log"), "records");
    Files.writeString(temp.resolve("work/index.lock"), "");
    Directories.deleteTree(temp.resolve("work"));
    assertThat(temp.resolve("work")).doesNotExist();
    assertThat(temp).exists();
  }

  @Test
  void aMissingDirectoryIsNoError(@TempDir Path temp) throws Exception {
    Directories.deleteTree(temp.resolve("never-made"));
    assertThat(temp.resolve("never-made")).doesNotExist();
  }
}
