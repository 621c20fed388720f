package thesiswatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;
import thesiswatch.common.Topics;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.KafkaBroker;
import thesiswatch.testkit.TestArticles;

/**
 * Build items 5 and 10: the index directory fills up. The dashboard turns unhealthy — {@code
 * /health} 503 naming the full disk, {@code /ready} 503, the stall gauge at 1 once the stall time
 * has passed on the injected clock — without stopping (no crash loop), keeps serving its last
 * commit, and once space returns recovers from that commit by itself: every article once, as a
 * restart confirms.
 *
 * <p>The disk is a real one where this machine allows: a tmpfs mounted for the test (the build runs
 * as root with the mount capability here), shrunk to what the index holds by a remount ("full"),
 * and grown by another ("space returns"). Where mounting is not permitted (an unprivileged
 * container in CI) the same test runs over a Lucene {@link SizeCappedDirectory} that fails writes
 * past its capacity exactly as a full disk does, so the test never skips; the line {@code
 * [thesiswatch test] disk: ...} says which ran, and {@code THESISWATCH_TEST_DISK=capped} picks the
 * second here too.
 */
class IndexFaultsIT {

  @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();

  /** The disk's size at first: room for the first articles. */
  private static final long SMALL = 1 << 20;

  /** A disk that {@link #fill()} leaves no room on, until {@link #grow()}. */
  private interface Disk extends AutoCloseable {
    Path indexDir();

    UnaryOperator<Directory> storage();

    /** No byte more fits from now on: the index's files fill the disk. */
    void fill();

    void grow();

    @Override
    void close();
  }

  /** A tmpfs of {@link #SMALL} bytes mounted at {@code dir}, or null when mounting is refused. */
  private static Disk tmpfs(Path dir) {
    try {
      Files.createDirectories(dir);
      if (run("mount", "-t", "tmpfs", "-o", "size=" + SMALL, "tmpfs", dir.toString()) != 0) {
        return null;
      }
    } catch (IOException e) {
      return null;
    }
    System.out.println("[thesiswatch test] disk: a tmpfs of " + SMALL + " bytes at " + dir);
    return new Disk() {
      @Override
      public Path indexDir() {
        return dir.resolve("index");
      }

      @Override
      public UnaryOperator<Directory> storage() {
        return UnaryOperator.identity();
      }

      @Override
      public void fill() {
        // A tmpfs can be shrunk to what it holds, not below: try until the size is what is used.
        Await.until(
            "the tmpfs shrunk to its contents",
            () -> run("mount", "-o", "remount,size=" + used(dir), dir.toString()) == 0);
      }

      @Override
      public void grow() {
        assertThat(run("mount", "-o", "remount,size=" + 64 * SMALL, dir.toString())).isZero();
      }

      @Override
      public void close() {
        run("umount", dir.toString());
      }
    };
  }

  private static Disk capped(Path dir) {
    AtomicLong capacity = new AtomicLong(SMALL);
    AtomicReference<SizeCappedDirectory> opened = new AtomicReference<>();
    System.out.println(
        "[thesiswatch test] disk: no tmpfs mounted (not permitted, or"
            + " THESISWATCH_TEST_DISK=capped), so a Lucene directory capped at "
            + SMALL
            + " bytes");
    return new Disk() {
      @Override
      public Path indexDir() {
        return dir.resolve("index");
      }

      @Override
      public UnaryOperator<Directory> storage() {
        return directory -> {
          try {
            SizeCappedDirectory capped = new SizeCappedDirectory(directory, capacity);
            opened.set(capped);
            return capped;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
      }

      @Override
      public void fill() {
        capacity.set(opened.get().used());
      }

      @Override
      public void grow() {
        capacity.set(Long.MAX_VALUE);
      }

      @Override
      public void close() {}
    };
  }

  /** Bytes in use on the filesystem at {@code dir}. */
  private static long used(Path dir) {
    try {
      FileStore store = Files.getFileStore(dir);
      return store.getTotalSpace() - store.getUnallocatedSpace();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().transferTo(OutputStream.nullOutputStream());
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static DashboardService start(
      Disk disk, Path dir, Topics topics, HandClock clock, PrometheusMeterRegistry registry) {
    Map<String, String> env = new HashMap<>(topics.variables());
    env.put("DASHBOARD_INDEX_DIR", disk.indexDir().toString());
    env.put("DASHBOARD_RECOVERY_INTERVAL", "100ms");
    env.put("DASHBOARD_STALL_AFTER", "1m");
    DashboardService service =
        new DashboardService(
            Fixtures.config(kafka.bootstrapServers(), dir, env), registry, clock, disk.storage());
    service.start();
    return service;
  }

  /** Articles with long summaries of random words: a few megabytes of index in all. */
  private static List<TaggedArticle> bulky(int count) {
    Random random = new Random(42);
    List<TaggedArticle> articles = new ArrayList<>();
    List<ThemeMatch> layoffs =
        List.of(new ThemeMatch("layoffs", 1.0, "supports", List.of("layoffs"), null));
    for (int i = 0; i < count; i++) {
      StringBuilder summary = new StringBuilder();
      while (summary.length() < 8_000) {
        for (int letters = 3 + random.nextInt(8); letters > 0; letters--) {
          summary.append((char) ('a' + random.nextInt(26)));
        }
        summary.append(' ');
      }
      articles.add(
          Fixtures.article(
              "bulky-" + i, "Layoffs report " + i, summary.toString(), layoffs, "fixture00001"));
    }
    return articles;
  }

  @Test
  void aFullIndexDiskMakesTheDashboardUnhealthyAndItRecoversFromTheLastCommit(@TempDir Path dir)
      throws Exception {
    Disk mounted =
        "capped".equals(System.getenv("THESISWATCH_TEST_DISK")) ? null : tmpfs(dir.resolve("disk"));
    try (Disk disk = mounted != null ? mounted : capped(dir.resolve("disk"))) {
      Topics topics = kafka.freshTopics();
      HandClock clock = new HandClock(Instant.parse("2025-03-05T00:00:00Z"));
      TestArticles.produce(
          kafka.bootstrapServers(), topics.tagged(), TestArticles.tagged("tagged-small.jsonl"));
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      try (DashboardService service = start(disk, dir, topics, clock, registry)) {
        int port = service.port();
        Await.until(
            "12 articles indexed and committed",
            () ->
                Fixtures.get(port, "/api/articles").json().get("total").asLong() == 12
                    && Fixtures.metric(port, "thesiswatch_dashboard_consumer_lag") == 0);
        assertThat(Fixtures.get(port, "/ready").status()).isEqualTo(200);

        disk.fill();
        // Even a commit without new articles needs room (a new commit point): none is left.
        Await.until(
            "the dashboard unhealthy and not ready",
            () ->
                Fixtures.get(port, "/health").status() == 503
                    && Fixtures.get(port, "/ready").status() == 503
                    && Fixtures.metric(port, "thesiswatch_dashboard_index_failing") == 1);
        Fixtures.Response health = Fixtures.get(port, "/health");
        assertThat(health.json().get("status").asText()).isEqualTo("down");
        assertThat(health.json().get("detail").asText())
            .startsWith("java.lang.IllegalStateException: the index cannot be written (")
            .contains("No space left on device")
            .endsWith("); serving its last commit and retrying from it every 100ms");

        // Articles arrive while the disk is full: they wait, nothing becomes durable.
        TestArticles.produce(kafka.bootstrapServers(), topics.tagged(), bulky(400));
        Await.until(
            "the new articles seen waiting",
            () -> Fixtures.metric(port, "thesiswatch_dashboard_consumer_lag") > 0);
        // Not stopped: no failure for the supervisor to restart it on, and the last commit served.
        assertThat(service.failure()).isEmpty();
        assertThat(Fixtures.get(port, "/api/articles").json().get("total").asLong()).isEqualTo(12);
        assertThat(Fixtures.metric(port, "thesiswatch_dashboard_stalled")).isZero();
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        Await.until(
            "the stall seen", () -> Fixtures.metric(port, "thesiswatch_dashboard_stalled") == 1);

        disk.grow();
        Await.until(
            "recovered: healthy, every article indexed",
            () ->
                Fixtures.get(port, "/health").status() == 200
                    && Fixtures.get(port, "/api/articles").json().get("total").asLong() == 412);
        Await.until(
            "progress ends the stall",
            () -> Fixtures.metric(port, "thesiswatch_dashboard_stalled") == 0);
        assertThat(Fixtures.metric(port, "thesiswatch_dashboard_index_failing")).isZero();
        assertThat(service.failure()).isEmpty();
      }
      // Committed, each once: a restart on the same directory serves the same total.
      try (DashboardService service =
          start(disk, dir, topics, clock, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
        int port = service.port();
        Await.until("the index open", () -> Fixtures.get(port, "/ready").status() == 200);
        assertThat(Fixtures.get(port, "/api/articles").json().get("total").asLong()).isEqualTo(412);
      }
    }
  }
}
