package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.Service;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.testkit.TestArticles;
import thesiswatch.testkit.TestThemes;

/**
 * Finding 8, as docker compose runs the dashboard ({@code thesiswatch dashboard} in its own JVM):
 * an index with flipped bytes is not served — the service cannot start, exits with {@link
 * Service#EXIT_CANNOT_START} and says which directory is damaged and how to rebuild it.
 */
class DamagedIndexIT {

  @TempDir Path dir;

  @Test
  void aDamagedIndexStopsTheDashboardWithTheDirectoryAndTheRebuildNamed() throws Exception {
    Path index = dir.resolve("index");
    try (ArticleIndex written = ArticleIndex.open(index)) {
      TestArticles.tagged("tagged-small.jsonl").forEach(written::upsert);
      written.commit();
    }
    Path compound;
    try (Stream<Path> files = Files.list(index)) {
      compound =
          files
              .filter(f -> f.toString().endsWith(".cfs"))
              .max(Comparator.comparingLong(f -> f.toFile().length()))
              .orElseThrow();
    }
    try (RandomAccessFile raf = new RandomAccessFile(compound.toFile(), "rw")) {
      for (long i = raf.length() / 2; i < raf.length() / 2 + 101; i++) {
        raf.seek(i);
        int b = raf.read();
        raf.seek(i);
        raf.write(~b);
      }
    }

    ProcessBuilder builder = ChildJvm.thesiswatch(List.of(), "dashboard");
    Map<String, String> env = builder.environment();
    // Nothing reaches Kafka: the index is refused before any client starts.
    env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9");
    env.put("THEMES_FILE", TestThemes.file().toString());
    env.put("DASHBOARD_INDEX_DIR", index.toString());
    env.put("DASHBOARD_HOST", "127.0.0.1");
    env.put("DASHBOARD_PORT", "0");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isEqualTo(Service.EXIT_CANNOT_START);
    assertThat(output)
        .contains("thesiswatch dashboard: the dashboard index in " + index + " is damaged (")
        .contains(
            ") and is not served. Stop the dashboard, delete "
                + index
                + " (or move it aside) and start it again: the index is rebuilt by replaying"
                + " articles.tagged from the start of the topic, and the alert history is read"
                + " back from the alerts topic");
  }
}
