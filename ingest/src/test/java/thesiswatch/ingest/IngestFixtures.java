package thesiswatch.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import thesiswatch.broker.TestKafka;
import thesiswatch.common.Article;
import thesiswatch.common.Env;
import thesiswatch.common.Json;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;
import thesiswatch.ingest.feeds.FeedList;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.ingest.kafka.IngestKafka;

/**
 * What the ingest tests against a real broker share: one broker per test class (started in its
 * {@code @BeforeAll}, stopped in its {@code @AfterAll}), fresh topics, a service config for a
 * loopback feed server, the feed list file, reading a topic back, and waiting for a condition.
 */
final class IngestFixtures {

  private static TestKafka kafka;

  private IngestFixtures() {}

  /** Starts the broker the other fixtures use. */
  static void startKafka() {
    kafka = TestKafka.start();
    // A fresh broker creates its transaction log on the first transactional producer, which takes
    // seconds; do it here so that tests which compare the order of events do not pay it mid-test.
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        IngestKafka.producer(kafka.bootstrapServers(), "warm-up", Duration.ofSeconds(60)))) {
      producer.initTransactions();
    }
  }

  static void stopKafka() throws Exception {
    kafka.close();
  }

  /** Fresh topics per test, so tests never see each other's records. */
  static Topics freshTopics() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Topics topics = new Topics("articles-" + suffix, "tagged-" + suffix, "feed-state-" + suffix, "alerts-" + suffix);
    TopicLayout.ensure(kafka.bootstrapServers(), topics, (short) 1);
    return topics;
  }

  static IngestConfig config(Path opml, Topics topics, LoopbackFeedServer server, Map<String, String> extra) {
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
    return readAll(kafka.bootstrapServers(), topic);
  }

  /** Every committed record of {@code topic} on the broker at {@code bootstrapServers}, in partition order. */
  static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  static List<Article> articles(Topics topics) {
    return readAll(topics.articles()).stream().map(r -> Json.read(r.value(), Article.class)).toList();
  }

  /** Waits for a condition the service reaches by itself; fails with {@code what} after a minute. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("gave up waiting: " + what);
      }
      Thread.sleep(100);
    }
  }

  static boolean polledAtLeast(IngestService service, Instant since, int times, LoopbackFeedServer server,
      List<String> paths) {
    return paths.stream().allMatch(p -> server.requests(p) >= times)
        && service.feeds().stream().allMatch(f -> f.lastAttempt() != null && f.lastAttempt().isAfter(since));
  }
}
