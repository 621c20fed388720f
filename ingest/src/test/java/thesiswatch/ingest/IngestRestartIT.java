package thesiswatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.FeedState;
import thesiswatch.common.Topics;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.KafkaBroker;

/**
 * Stops ingest in the middle of a run (some feeds committed, some in flight, some not yet polled),
 * starts it again, and counts every article exactly once; and a feed taken out of the feed list is
 * forgotten (a tombstone on {@code feed-state}) when ingest starts again.
 */
class IngestRestartIT {

  static final int FEEDS = 40;
  static final int ITEMS_PER_FEED = 20;

  @TempDir Path dir;

  @RegisterExtension static final KafkaBroker kafka = IngestFixtures.broker();

  @Test
  void everyArticleExactlyOnceAcrossAStopMidRun() throws Exception {
    String template =
        new String(LoopbackFeedServer.resource("bulk-template.rss.xml"), StandardCharsets.UTF_8);
    try (LoopbackFeedServer server = new LoopbackFeedServer()) {
      List<FeedSpec> feeds = new ArrayList<>();
      for (int i = 0; i < FEEDS; i++) {
        byte[] body = template.replace("{feed}", "f" + i).getBytes(StandardCharsets.UTF_8);
        server.handle(
            "/f" + i,
            exchange -> LoopbackFeedServer.send(exchange, 200, "application/rss+xml", body));
        feeds.add(FeedSpec.of(server.url("/f" + i), "en"));
      }
      Topics topics = IngestFixtures.freshTopics();
      Path opml = IngestFixtures.opml(dir, feeds);
      // First run: polls spread over 10 s, and a close that does not wait for in-flight polls
      // (as close to a crash as a test in one JVM gets: their transactions are left open or
      // unsent).
      IngestConfig hasty =
          IngestFixtures.config(
              opml,
              topics,
              server,
              Map.of("INGEST_STARTUP_SPREAD", "10s", "INGEST_CLOSE_TIMEOUT", "100ms"));
      IngestConfig config =
          IngestFixtures.config(opml, topics, server, Map.of("INGEST_STARTUP_SPREAD", "2s"));

      try (IngestService first = new IngestService(hasty, new SimpleMeterRegistry())) {
        first.start();
        Await.until("a few feeds committed", () -> count(first, FeedState.OK) >= 5);
        // Stopped mid-run: some feeds are not polled yet, others are between fetch and commit.
        assertThat(count(first, FeedState.PENDING)).isGreaterThan(0);
        assertThat(
                feeds.stream()
                    .filter(f -> server.requests(f.url().substring(f.url().lastIndexOf('/'))) == 0))
            .isNotEmpty();
      }

      try (IngestService second = new IngestService(config, new SimpleMeterRegistry())) {
        second.start();
        Await.until(
            "every feed committed after the restart",
            () ->
                count(second, FeedState.OK) == FEEDS
                    && second.feeds().stream().allMatch(f -> f.itemsSeen() == ITEMS_PER_FEED));
        // Every feed is polled at least once more by the second run, publishing nothing new.
        Await.until(
            "a re-poll of every feed",
            () ->
                feeds.stream()
                    .allMatch(
                        f -> server.requests(f.url().substring(f.url().lastIndexOf('/'))) >= 2));
      }

      List<ConsumerRecord<String, byte[]>> records = IngestFixtures.readAll(topics.articles());
      Set<String> keys = records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
      assertThat(keys).hasSize(FEEDS * ITEMS_PER_FEED);
      assertThat(records).hasSize(FEEDS * ITEMS_PER_FEED);
      // 40 feeds on one host: never more than INGEST_PER_HOST (default 2) requests at once.
      assertThat(server.maxInFlight()).isBetween(1, 2);
    }
  }

  @Test
  void aFeedTakenOutOfTheListIsForgottenAtTheNextStart() throws Exception {
    try (LoopbackFeedServer server = new LoopbackFeedServer()) {
      byte[] body = LoopbackFeedServer.resource("tech-news.rss.xml");
      for (String path : List.of("/kept", "/removed")) {
        server.handle(
            path, exchange -> LoopbackFeedServer.send(exchange, 200, "application/rss+xml", body));
      }
      FeedSpec kept = FeedSpec.of(server.url("/kept"), "en");
      FeedSpec removed = FeedSpec.of(server.url("/removed"), "en");
      Topics topics = IngestFixtures.freshTopics();
      IngestConfig both =
          IngestFixtures.config(
              IngestFixtures.opml(dir, List.of(kept, removed)), topics, server, Map.of());
      try (IngestService first = new IngestService(both, new SimpleMeterRegistry())) {
        first.start();
        Await.until("both feeds committed", () -> count(first, FeedState.OK) == 2);
      }

      IngestConfig one =
          IngestFixtures.config(IngestFixtures.opml(dir, List.of(kept)), topics, server, Map.of());
      try (IngestService second = new IngestService(one, new SimpleMeterRegistry())) {
        second.start();
        Await.until("the kept feed committed again", () -> count(second, FeedState.OK) == 1);
      }

      List<ConsumerRecord<String, byte[]>> states = IngestFixtures.readAll(topics.feedState());
      ConsumerRecord<String, byte[]> last =
          states.stream().filter(r -> r.key().equals(removed.url())).reduce((a, b) -> b).get();
      assertThat(last.value()).as("a tombstone for the removed feed").isNull();
      assertThat(states.stream().filter(r -> r.key().equals(kept.url())).reduce((a, b) -> b).get())
          .extracting(ConsumerRecord::value)
          .isNotNull();
    }
  }

  private static long count(IngestService service, String status) {
    return service.feeds().stream().filter(f -> f.status().equals(status)).count();
  }
}
