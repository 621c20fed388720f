package thesiswatch.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import thesiswatch.common.Article;
import thesiswatch.common.Env;
import thesiswatch.common.Json;
import thesiswatch.common.Topics;
import thesiswatch.ingest.feeds.FeedList;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.testkit.KafkaBroker;
import thesiswatch.testkit.TestKafka;

/**
 * What the ingest tests against a real broker share: the broker (a {@link KafkaBroker} each test
 * class registers through {@link #broker()}), fresh topics, a service config for a loopback feed
 * server, the feed list file and reading a topic back.
 */
final class IngestFixtures {

  /**
   * The broker of the test class running now (JUnit runs the classes of a module one at a time).
   */
  private static KafkaBroker kafka;

  private IngestFixtures() {}

  /** The broker extension for a test class; the other fixtures use it while the class runs. */
  static KafkaBroker broker() {
    kafka = KafkaBroker.withTransactionLog();
    return kafka;
  }

  /** Fresh topics per test, so tests never see each other's records. */
  static Topics freshTopics() {
    return kafka.freshTopics();
  }

  static IngestConfig config(
      Path opml, Topics topics, LoopbackFeedServer server, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.putAll(topics.variables());
    env.put("FEEDS_FILE", opml.toString());
    env.put("INGEST_ALLOW_PRIVATE", "127.0.0.1:" + server.port());
    env.put("INGEST_STARTUP_SPREAD", "0s");
    env.put("INGEST_POLL_INTERVAL", "1s");
    env.put("INGEST_BACKOFF_BASE", "1s");
    env.put("INGEST_BACKOFF_MAX", "2s");
    env.put("INGEST_FETCH_TIMEOUT", "2s");
    env.put("INGEST_TRANSACTIONAL_ID", "ingest-test-" + topics.articles());
    env.putAll(extra);
    return IngestConfig.from(new Env(env));
  }

  static Path opml(Path dir, List<FeedSpec> feeds) throws IOException {
    Path file = dir.resolve("feeds.opml");
    Files.writeString(file, FeedList.write("test feeds", feeds));
    return file;
  }

  /** Every committed record of {@code topic} on the fixtures' broker, in partition order. */
  static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    return kafka.committedRecords(topic);
  }

  /**
   * Every committed record of {@code topic} on the broker at {@code bootstrapServers}, in partition
   * order.
   */
  static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic) {
    return TestKafka.committedRecords(bootstrapServers, topic);
  }

  static List<Article> articles(Topics topics) {
    return readAll(topics.articles()).stream()
        .map(r -> Json.read(r.value(), Article.class))
        .toList();
  }

  static boolean polledAtLeast(
      IngestService service,
      Instant since,
      int times,
      LoopbackFeedServer server,
      List<String> paths) {
    return paths.stream().allMatch(p -> server.requests(p) >= times)
        && service.feeds().stream()
            .allMatch(f -> f.lastAttempt() != null && f.lastAttempt().isAfter(since));
  }
}
