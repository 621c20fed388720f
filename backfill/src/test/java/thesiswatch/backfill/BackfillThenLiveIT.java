package thesiswatch.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.backfill.run.Listener;
import thesiswatch.backfill.run.Summary;
import thesiswatch.common.Article;
import thesiswatch.common.Env;
import thesiswatch.common.FeedState;
import thesiswatch.common.Json;
import thesiswatch.common.Topics;
import thesiswatch.ingest.IngestConfig;
import thesiswatch.ingest.IngestService;
import thesiswatch.ingest.feeds.FeedList;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.KafkaBroker;
import thesiswatch.testkit.RecordedArchive;
import thesiswatch.testkit.RecordedArchive.Behaviour;
import thesiswatch.testkit.RecordedArchive.Recorded;
import thesiswatch.testkit.RecordedArchive.Shape;

/**
 * Backfill and live ingest of the same feed, in either order: the live poll finds the stories the
 * backfill published (same ids, same feed, in its story window), and the backfill skips the ids
 * live ingest's feed state says it published, so no story is there twice.
 */
class BackfillThenLiveIT {

  @RegisterExtension static final KafkaBroker kafka = KafkaBroker.withTransactionLog();

  @TempDir Path dir;

  static String[] item(String name, String date) {
    return new String[] {
      "Story " + name + " about AI and jobs", "https://news.example/story/" + name, date
    };
  }

  static final String FEED_BODY =
      RecordedArchive.rss(
          "Example News",
          List.of(
              item("s3", "Sun, 05 Jan 2025 10:00:00 GMT"),
              item("s4", "Mon, 06 Jan 2025 10:00:00 GMT"),
              item("s5", "Tue, 07 Jan 2025 10:00:00 GMT")));

  static final Map<String, Integer> EACH_ONCE =
      Map.of(
          "Story s1 about AI and jobs", 1,
          "Story s2 about AI and jobs", 1,
          "Story s3 about AI and jobs", 1,
          "Story s4 about AI and jobs", 1,
          "Story s5 about AI and jobs", 1);

  @Test
  void liveIngestAfterABackfillPublishesOnlyTheNewStories() throws Exception {
    HttpServer live = liveFeed();
    String feed = "http://127.0.0.1:" + live.getAddress().getPort() + "/feed.xml";
    try (RecordedArchive archive = archive(feed)) {
      Topics topics = kafka.freshTopics();
      IngestConfig config = config(topics, archive, live, feed);
      backfill(archive, config, feed);
      assertThat(titles(kafka.readCommitted(topics.articles())))
          .containsOnlyKeys(
              "Story s1 about AI and jobs", "Story s2 about AI and jobs",
              "Story s3 about AI and jobs", "Story s4 about AI and jobs");
      poll(config, feed);
      assertThat(titles(kafka.readCommitted(topics.articles())))
          .as("each story once: s3 and s4 came from the backfill, only s5 from the live poll")
          .isEqualTo(EACH_ONCE);
    } finally {
      live.stop(0);
    }
  }

  @Test
  void aBackfillAfterLiveIngestSkipsWhatTheLivePollPublished() throws Exception {
    HttpServer live = liveFeed();
    String feed = "http://127.0.0.1:" + live.getAddress().getPort() + "/feed.xml";
    try (RecordedArchive archive = archive(feed)) {
      Topics topics = kafka.freshTopics();
      IngestConfig config = config(topics, archive, live, feed);
      poll(config, feed);
      Summary summary = backfill(archive, config, feed);
      assertThat(titles(kafka.readCommitted(topics.articles())))
          .as("each story once: s3 to s5 came from the live poll, only s1 and s2 from the backfill")
          .isEqualTo(EACH_ONCE);
      assertThat(summary.articles()).isEqualTo(2);
    } finally {
      live.stop(0);
    }
  }

  static HttpServer liveFeed() throws IOException {
    HttpServer live =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    live.createContext(
        "/feed.xml",
        exchange -> {
          byte[] bytes = FEED_BODY.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    live.start();
    return live;
  }

  static RecordedArchive archive(String feed) {
    RecordedArchive archive = RecordedArchive.start(Shape.WAYBACK, 100);
    archive
        .add(
            feed,
            new Recorded(
                "20250105120000",
                feed,
                "application/rss+xml",
                RecordedArchive.rss(
                    "Example News",
                    List.of(
                        item("s1", "Fri, 03 Jan 2025 10:00:00 GMT"),
                        item("s2", "Sat, 04 Jan 2025 10:00:00 GMT"),
                        item("s3", "Sun, 05 Jan 2025 10:00:00 GMT"))),
                Behaviour.OK))
        .add(
            feed,
            new Recorded(
                "20250106120000",
                feed,
                "application/rss+xml",
                RecordedArchive.rss(
                    "Example News",
                    List.of(
                        item("s2", "Sat, 04 Jan 2025 10:00:00 GMT"),
                        item("s3", "Sun, 05 Jan 2025 10:00:00 GMT"),
                        item("s4", "Mon, 06 Jan 2025 10:00:00 GMT"))),
                Behaviour.OK));
    return archive;
  }

  IngestConfig config(Topics topics, RecordedArchive archive, HttpServer live, String feed)
      throws IOException {
    Map<String, String> env = new HashMap<>(topics.variables());
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put(
        "INGEST_ALLOW_PRIVATE", archive.hostPort() + ",127.0.0.1:" + live.getAddress().getPort());
    Path opml = dir.resolve("feeds.opml");
    Files.writeString(opml, FeedList.write("live", List.of(FeedSpec.of(feed, "en"))));
    env.put("FEEDS_FILE", opml.toString());
    env.put("INGEST_STARTUP_SPREAD", "0s");
    env.put("INGEST_TRANSACTIONAL_ID", "ingest-" + topics.articles());
    return IngestConfig.from(new Env(env));
  }

  static Summary backfill(RecordedArchive archive, IngestConfig config, String feed) {
    return new BackfillJob(
            Sources.archive(
                archive.url(),
                List.of(FeedSpec.of(feed, "en")),
                LocalDate.parse("2025-01-01"),
                LocalDate.parse("2025-12-31"),
                new Sources.Politeness("1000/s", "1000/s", Duration.ofMillis(10), 3),
                config,
                Clock.systemUTC(),
                wait -> {},
                false),
            kafka.bootstrapServers(),
            config,
            Clock.systemUTC())
        .run(Listener.NONE);
  }

  /** Runs live ingest until its first poll of {@code feed} is committed. */
  static void poll(IngestConfig config, String feed) {
    try (IngestService ingest = new IngestService(config, new SimpleMeterRegistry())) {
      ingest.start();
      Await.until(
          "ingest's first poll of the live feed",
          () ->
              ingest.feeds().stream()
                  .anyMatch(s -> s.url().equals(feed) && FeedState.OK.equals(s.status())));
    }
  }

  static Map<String, Integer> titles(List<ConsumerRecord<String, byte[]>> records) {
    Map<String, Integer> out = new TreeMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      out.merge(Json.read(record.value(), Article.class).title(), 1, Integer::sum);
    }
    return out;
  }
}
