package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static thesiswatch.cli.Probes.json;
import static thesiswatch.cli.Probes.sum;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.cli.demo.Demo;
import thesiswatch.common.FeedState;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.TestKafka;

/** The embedded demo as a user runs it: start, watch, stop, start again on the same data. */
class DemoIT {

  private static final Path SEEDS = Path.of("..", "seeds").toAbsolutePath().normalize();
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final List<String> THEMES =
      List.of("layoffs", "compute_monopoly", "gig_work", "one_person_company", "vc_funding");

  @TempDir Path data;

  @Test
  void theOfflineDemoServesTaggedSampleArticlesAndARestartOrAnIndexRebuildChangesNoCount()
      throws Exception {
    Demo.Options options = new Demo.Options(data, 0, 0, true, SEEDS);
    List<Long> countsBefore;
    try (Demo demo = Demo.start(options)) {
      String api = "http://127.0.0.1:" + demo.dashboardPort();
      awaitTrue(
          () -> json(api + "/api/articles?theme=layoffs&limit=5").path("articles").size() > 0);
      awaitTrue(() -> demo.feeds().stream().allMatch(feed -> FeedState.OK.equals(feed.status())));
      long published =
          new HashSet<>(TestKafka.committedKeys("127.0.0.1:" + demo.kafkaPort(), "articles"))
              .size();
      // Drained: every article ingest published is classified and indexed.
      awaitTrue(() -> counts(api).get(0) == published);
      countsBefore = awaitStable(() -> counts(api));
      assertThat(countsBefore.get(0))
          .as("articles indexed")
          .isEqualTo(published)
          .isGreaterThan(450);

      assertThatThrownBy(() -> Demo.start(options))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is locked by another running thesiswatch demo");

      // query finds a demo on other ports through the addresses it wrote, and says so.
      new Addresses("http://127.0.0.1:" + demo.dashboardPort(), "127.0.0.1:" + demo.kafkaPort())
          .write(data);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int status =
          Main.commandLine()
              .setOut(new PrintWriter(out))
              .setErr(new PrintWriter(err))
              .execute(
                  "query", "裁员", "--theme", "layoffs", "--limit", "3", "--data", data.toString());
      assertThat(status).isZero();
      assertThat(err.toString().strip())
          .isEqualTo(
              "thesiswatch query: dashboard http://127.0.0.1:"
                  + demo.dashboardPort()
                  + " (from "
                  + data.resolve(Addresses.FILE)
                  + ")");
      assertThat(out.toString().lines().findFirst().orElse(""))
          .matches("\\d+ results, showing the newest 3");
      assertThat(out.toString().lines().count()).isEqualTo(1 + 3 * 2);
      StringWriter none = new StringWriter();
      assertThat(
              Main.commandLine()
                  .setOut(new PrintWriter(none))
                  .setErr(new PrintWriter(new StringWriter()))
                  .execute("query", "zzqqxxnothinglikeit", "--data", data.toString()))
          .isZero();
      assertThat(none.toString().strip()).isEqualTo("no results");
    }
    try (Demo demo = Demo.start(options)) {
      String api = "http://127.0.0.1:" + demo.dashboardPort();
      // Ingest resumes each feed's state (and schedule) from the feed-state topic.
      awaitTrue(
          () ->
              !demo.feeds().isEmpty()
                  && demo.feeds().stream().allMatch(feed -> FeedState.OK.equals(feed.status())));
      assertThat(awaitStable(() -> counts(api))).isEqualTo(countsBefore);
    }
    // An index as the previous version wrote it (sorted, but no layout version: Chinese analysed
    // without Traditional→Simplified) is moved aside and rebuilt from the topic. (An unsorted one
    // is refused the same way: ArticleIndexTest.)
    replaceIndexWithThePreviousLayout();
    try (Demo demo = Demo.start(options)) {
      String api = "http://127.0.0.1:" + demo.dashboardPort();
      awaitTrue(() -> counts(api).equals(countsBefore));
      try (Stream<Path> entries = Files.list(data)) {
        assertThat(entries.map(path -> path.getFileName().toString()))
            .anyMatch(name -> name.startsWith("dashboard.old-"));
      }
    }
    // Finding 8: an index with flipped bytes is not served; the demo moves it aside and rebuilds
    // it from the topic, with the right totals.
    flipBytesInTheLargestIndexFile();
    try (Demo demo = Demo.start(options)) {
      String api = "http://127.0.0.1:" + demo.dashboardPort();
      awaitTrue(() -> counts(api).equals(countsBefore));
      try (Stream<Path> entries = Files.list(data)) {
        assertThat(entries.map(path -> path.getFileName().toString()))
            .anyMatch(name -> name.startsWith("dashboard.damaged-"));
      }
    }
  }

  /** Flips 101 bytes in the middle of the index's largest postings or compound file. */
  private void flipBytesInTheLargestIndexFile() throws IOException {
    Path largest;
    try (Stream<Path> files = Files.list(data.resolve("dashboard"))) {
      largest =
          files
              .filter(f -> f.toString().endsWith(".cfs") || f.toString().endsWith(".doc"))
              .max(Comparator.comparingLong(f -> f.toFile().length()))
              .orElseThrow();
    }
    try (RandomAccessFile raf = new RandomAccessFile(largest.toFile(), "rw")) {
      long start = raf.length() / 2;
      for (int i = 0; i < 101; i++) {
        raf.seek(start + i);
        int b = raf.read();
        raf.seek(start + i);
        raf.write(~b);
      }
    }
  }

  private void replaceIndexWithThePreviousLayout() throws IOException {
    Path dir = data.resolve("dashboard");
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
    // The dashboard's newest-first sort (ArticleSchema.INDEX_SORT), without a layout version in
    // the commit.
    Sort newestFirst =
        new Sort(
            new SortField("time", SortField.Type.LONG, true),
            new SortField("id_key", SortField.Type.LONG));
    try (FSDirectory directory = FSDirectory.open(dir);
        IndexWriter writer =
            new IndexWriter(directory, new IndexWriterConfig().setIndexSort(newestFirst))) {
      Document doc = new Document();
      doc.add(new StringField("id", "from-an-older-version", Field.Store.NO));
      doc.add(new NumericDocValuesField("time", 0));
      doc.add(new NumericDocValuesField("id_key", 0));
      writer.addDocument(doc);
      writer.commit();
    }
  }

  @Test
  void aTakenPortIsNamedWithTheOptionThatChangesIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
      StringWriter err = new StringWriter();
      int status =
          Main.commandLine()
              .setErr(new PrintWriter(err))
              .execute(
                  "demo",
                  "--offline",
                  "--data",
                  data.toString(),
                  "--port",
                  String.valueOf(taken.getLocalPort()));
      assertThat(status).isEqualTo(2);
      assertThat(err.toString().strip())
          .isEqualTo(
              "thesiswatch demo: port "
                  + taken.getLocalPort()
                  + " for the dashboard (choose another with --port) is already in use");
    }
  }

  /** Total articles, then each theme's count, summed over all daily buckets. */
  private static List<Long> counts(String api) {
    long total = sum(json(api + "/api/trends?theme=layoffs&interval=day"), "total");
    List<Long> counts = new ArrayList<>(List.of(total));
    for (String theme : THEMES) {
      counts.add(sum(json(api + "/api/trends?theme=" + theme + "&interval=day"), "count"));
    }
    return counts;
  }

  private static void awaitTrue(BooleanSupplier condition) {
    Await.until("the demo", PATIENCE, condition);
  }

  /** The value once two readings two seconds apart agree: the pipeline has drained. */
  private static <T> T awaitStable(Supplier<T> probe) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    T previous = probe.get();
    while (true) {
      Thread.sleep(2000);
      T current = probe.get();
      if (current.equals(previous)) {
        return current;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("still changing after " + PATIENCE + ": " + current);
      }
      previous = current;
    }
  }
}
