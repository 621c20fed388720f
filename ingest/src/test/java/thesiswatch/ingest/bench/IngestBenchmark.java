package thesiswatch.ingest.bench;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.xml.sax.InputSource;
import thesiswatch.common.Env;
import thesiswatch.common.FeedState;
import thesiswatch.ingest.IngestConfig;
import thesiswatch.ingest.IngestService;
import thesiswatch.ingest.feeds.FeedList;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.ingest.parse.FeedParser;
import thesiswatch.ingest.parse.ParsedFeed;

/**
 * A main-method benchmark (not a test): parse throughput of {@link FeedParser} on a large feed,
 * against a plain ROME {@link SyndFeedInput} parse of the same bytes in the same run (the floor our
 * extra work costs), and the heap ingest holds for 1,000 configured feeds.
 *
 * <p>Run: see {@code docs/benchmarks.md (Ingest)}.
 */
public final class IngestBenchmark {

  private static final int ITEMS = 5_000;
  private static final int ROUNDS = 15;
  private static final int FEEDS = 1_000;

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    byte[] feed = largeFeed(ITEMS);
    System.out.printf("feed: %d items, %.1f MiB%n", ITEMS, feed.length / 1024.0 / 1024.0);
    FeedParser parser = new FeedParser(Integer.MAX_VALUE);
    for (int i = 0; i < 5; i++) { // warm-up of both paths
      parser.parse(
          feed, "application/rss+xml", "https://bench.example.com/feed", null, Instant.now());
      rome(feed);
    }
    double ours = 0;
    double plain = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long start = System.nanoTime();
      ParsedFeed parsed =
          parser.parse(
              feed, "application/rss+xml", "https://bench.example.com/feed", null, Instant.now());
      ours += System.nanoTime() - start;
      if (parsed.entries().size() != ITEMS) {
        throw new IllegalStateException("parsed " + parsed.entries().size() + " entries");
      }
      start = System.nanoTime();
      int romeEntries = rome(feed).getEntries().size();
      plain += System.nanoTime() - start;
      if (romeEntries != ITEMS) {
        throw new IllegalStateException("rome parsed " + romeEntries + " entries");
      }
    }
    System.out.printf(
        "FeedParser (decode, clean, ROME, plain text, strict dates, ids): %,.0f items/s%n",
        ITEMS * ROUNDS / (ours / 1e9));
    System.out.printf(
        "plain ROME SyndFeedInput on the same bytes:                   %,.0f items/s%n",
        ITEMS * ROUNDS / (plain / 1e9));
    memory();
  }

  private static SyndFeed rome(byte[] feed) throws Exception {
    return new SyndFeedInput().build(new InputSource(new ByteArrayInputStream(feed)));
  }

  /**
   * Heap held by an ingest service with 1,000 feeds configured, and by 1,000 full seen-id windows.
   */
  private static void memory() throws Exception {
    Path dir = Files.createTempDirectory("ingest-bench");
    List<FeedSpec> feeds = new ArrayList<>();
    for (int i = 0; i < FEEDS; i++) {
      feeds.add(
          new FeedSpec(
              "https://host" + (i % 200) + ".example.com/feed/" + i,
              "Feed " + i,
              null,
              i % 2 == 0 ? "zh-CN" : "en",
              "tech",
              null,
              true));
    }
    Path opml = Files.writeString(dir.resolve("feeds.opml"), FeedList.write("bench", feeds));
    long before = usedHeap();
    // No broker at this address: the service reads its feed list and waits for Kafka, polling
    // nothing.
    IngestService service =
        new IngestService(
            IngestConfig.from(
                new Env(
                    Map.of(
                        "FEEDS_FILE", opml.toString(), "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"))),
            new SimpleMeterRegistry());
    service.start();
    long configured = usedHeap() - before;
    System.out.printf(
        "heap for %d configured feeds (service started, no broker): %.1f MiB%n",
        FEEDS, configured / 1024.0 / 1024.0);
    service.close();

    before = usedHeap();
    List<FeedState> states = new ArrayList<>();
    Random random = new Random(42);
    for (int i = 0; i < FEEDS; i++) {
      List<String> ids = new ArrayList<>();
      for (int j = 0; j < IngestConfig.DEFAULT_SEEN_IDS; j++) {
        byte[] id = new byte[12];
        random.nextBytes(id);
        ids.add(HexFormat.of().formatHex(id));
      }
      states.add(
          new FeedState(
              feeds.get(i).url(),
              "Feed " + i,
              FeedState.OK,
              "\"etag\"",
              "Mon, 03 Mar 2025",
              0,
              Instant.now(),
              Instant.now(),
              null,
              null,
              Instant.now(),
              ids.size(),
              ids));
    }
    long full = usedHeap() - before;
    System.out.printf(
        "heap for %d feed states with full seen-id windows (%d ids each): %.1f MiB (%d states"
            + " kept)%n",
        FEEDS, IngestConfig.DEFAULT_SEEN_IDS, full / 1024.0 / 1024.0, states.size());
  }

  private static long usedHeap() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  /** An RSS feed of {@code items} realistic items, half Chinese, with HTML descriptions. */
  static byte[] largeFeed(int items) {
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                + "<title>Bench</title><link>https://bench.example.com/</link>\n");
    for (int i = 0; i < items; i++) {
      boolean zh = i % 2 == 0;
      String title =
          zh
              ? "第" + i + "条：互联网大厂裁员与算力集中，外卖骑手与一人公司"
              : "Story " + i + ": layoffs, GPU supply and gig work at scale";
      xml.append("<item><title>")
          .append(title)
          .append("</title>")
          .append("<link>https://bench.example.com/news/")
          .append(i)
          .append("?utm_source=rss</link>")
          .append("<guid isPermaLink=\"false\">bench-")
          .append(i)
          .append("</guid>")
          .append("<description>&lt;p&gt;")
          .append(title)
          .append(" &lt;b&gt;analysis&lt;/b&gt; &amp; more text ")
          .append(
              "to make the summary about as long as a real one, with a &lt;a"
                  + " href=\"x\"&gt;link&lt;/a&gt;.&lt;/p&gt;")
          .append("</description><pubDate>Mon, 03 Mar 2025 ")
          .append(String.format("%02d:%02d", (i / 60) % 24, i % 60))
          .append(":00 GMT</pubDate></item>\n");
    }
    return xml.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8);
  }
}
