package thesiswatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.broker.EmbeddedKafkaBroker;
import thesiswatch.common.Env;
import thesiswatch.common.FeedState;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;
import thesiswatch.ingest.feeds.FeedList;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.TestClock;

/**
 * The broker goes away while ingest runs and new stories appear: ingest keeps what it fetched,
 * retries, and once the broker is back every story is in Kafka exactly once. (The embedded broker
 * is stopped and started again on the same port and data directory.) Polls held without a commit
 * for the stall time make ingest not ready, with its stall gauge at 1, on an injected clock.
 */
class IngestBrokerOutageIT {

  @TempDir Path dir;

  @Test
  void nothingIsLostOrDuplicatedWhileTheBrokerIsDown() throws Exception {
    String v1 =
        new String(LoopbackFeedServer.resource("tech-news.rss.xml"), StandardCharsets.UTF_8);
    String v2 =
        v1.replace(
            "  </channel>",
            """
              <item>
                <title>Chipmaker export rules tighten GPU supply</title>
                <link>https://news.example.com/2025/03/gpu-export</link>
                <pubDate>Thu, 06 Mar 2025 08:00:00 GMT</pubDate>
              </item>
              <item>
                <title>Seed rounds for AI apps halve in a quarter</title>
                <link>https://news.example.com/2025/03/seed-rounds</link>
                <pubDate>Fri, 07 Mar 2025 08:00:00 GMT</pubDate>
              </item>
            </channel>\
            """);
    AtomicReference<String> current = new AtomicReference<>(v1);
    Path kafkaDir = Files.createDirectories(dir.resolve("kafka"));
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(kafkaDir, 0);
    int port = broker.port();
    System.out.println(
        "[thesiswatch test] broker: embedded KRaft broker at "
            + broker.bootstrapServers()
            + " (stopped and restarted by this test)");
    try (LoopbackFeedServer server = new LoopbackFeedServer()) {
      server.handle(
          "/news",
          exchange ->
              LoopbackFeedServer.send(
                  exchange,
                  200,
                  "application/rss+xml",
                  current.get().getBytes(StandardCharsets.UTF_8)));
      TopicLayout.ensure(broker.bootstrapServers(), Topics.DEFAULTS, (short) 1);
      Path opml =
          Files.writeString(
              dir.resolve("feeds.opml"),
              FeedList.write("outage", List.of(FeedSpec.of(server.url("/news"), "en"))));
      Map<String, String> env = new HashMap<>();
      env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
      env.put("FEEDS_FILE", opml.toString());
      env.put("INGEST_ALLOW_PRIVATE", server.hostPort());
      env.put("INGEST_STARTUP_SPREAD", "0s");
      env.put("INGEST_POLL_INTERVAL", "1s");
      env.put("INGEST_KAFKA_BLOCK", "2s");
      IngestConfig config = IngestConfig.from(new Env(env));

      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      TestClock clock = new TestClock();
      try (IngestService service = new IngestService(config, registry, clock)) {
        service.start();
        Await.until("first poll committed", () -> service.feeds().get(0).itemsSeen() == 3);
        broker.close();
        current.set(v2);
        // A poll fetched while Kafka is away is held and retried, neither committed nor forgotten.
        Await.until(
            "a failed publish during the outage",
            () -> registry.get("thesiswatch.ingest.publish.failures").counter().count() >= 2);
        assertThat(service.feeds().get(0).itemsSeen()).isEqualTo(3);
        assertThat(service.ready())
            .as("ready while the outage is shorter than the stall time")
            .isTrue();
        clock.advance(config.stallAfter());
        assertThat(service.ready()).as("not ready once polls waited the stall time").isFalse();
        assertThat(registry.get("thesiswatch.ingest.stalled").gauge().value()).isEqualTo(1);
        broker = EmbeddedKafkaBroker.start(kafkaDir, port);
        Await.until(
            "the held poll committed after the broker came back",
            () -> service.feeds().get(0).itemsSeen() == 5);
        assertThat(service.feeds().get(0).status()).isEqualTo(FeedState.OK);
        Await.until("ready again", service::ready);
        assertThat(registry.get("thesiswatch.ingest.stalled").gauge().value()).isZero();
      }

      List<ConsumerRecord<String, byte[]>> records =
          IngestFixtures.readAll(broker.bootstrapServers(), Topics.ARTICLES);
      assertThat(records).hasSize(5);
      assertThat(records.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).hasSize(5);
    } finally {
      broker.close();
    }
  }
}
