package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import thesiswatch.common.Article;
import thesiswatch.common.Json;
import thesiswatch.common.Topics;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.KafkaTestClients;
import thesiswatch.testkit.TestKafka;
import thesiswatch.testkit.TestThemes;

/**
 * Exactly once across crashes: the classifier runs in a child JVM ({@code thesiswatch classifier},
 * configured by environment variables as docker compose runs it), is killed with SIGKILL twice
 * while it is tagging, and restarted each time; at the end every article is in {@code
 * articles.tagged} exactly once for a {@code read_committed} reader.
 */
class ClassifierExactlyOnceIT {

  static final int ARTICLES = 6_000;
  static final String TRANSACTIONAL_ID = "classifier-exactly-once";

  /** Headlines of every theme and of none, repeated with a number. */
  static final List<String> TITLES =
      List.of(
          "Acme Cloud to cut 1,200 jobs as it shifts spending to AI",
          "某互联网大厂启动新一轮裁员，涉及多个业务线",
          "外卖骑手收入调查：每单配送费连续两年下降",
          "Nvidia's grip on AI chips draws antitrust scrutiny",
          "超级个体崛起：越来越多年轻人开办一人公司",
          "Seed funding for AI startups dries up as investors turn cautious",
          "City council approves new bike lanes downtown");

  @Test
  void everyArticleIsTaggedExactlyOnceAcrossKillsMidBatch() throws Exception {
    try (TestKafka kafka = TestKafka.start()) {
      String bootstrap = kafka.bootstrapServers();
      Topics topics = kafka.freshTopics();
      Set<String> ids = new HashSet<>();
      try (KafkaProducer<String, byte[]> producer = KafkaTestClients.producer(bootstrap)) {
        for (int i = 0; i < ARTICLES; i++) {
          String id = "eos-" + i;
          ids.add(id);
          String title = TITLES.get(i % TITLES.size()) + " #" + i;
          producer.send(
              new ProducerRecord<>(topics.articles(), id, Json.bytes(article(id, title))));
        }
        producer.flush();
      }
      Map<String, String> env = env(bootstrap, topics);

      Process first = start(env, 1);
      awaitOpenTransaction(bootstrap, topics.tagged(), ARTICLES / 10);
      first.destroyForcibly().waitFor();

      Process second = start(env, 2);
      awaitOpenTransaction(bootstrap, topics.tagged(), ARTICLES * 4 / 10);
      second.destroyForcibly().waitFor();

      Process third = start(env, 3);
      try {
        KafkaTestClients.awaitConsumed(
            bootstrap, env.get("CLASSIFIER_GROUP_ID"), topics.articles());
      } finally {
        third.destroy();
        third.waitFor();
      }

      List<ConsumerRecord<String, byte[]>> committed =
          TestKafka.readCommitted(bootstrap, topics.tagged());
      Map<String, Integer> copies = new HashMap<>();
      committed.forEach(r -> copies.merge(r.key(), 1, Integer::sum));
      Set<String> missing = new TreeSet<>(ids);
      missing.removeAll(copies.keySet());
      Map<String, Integer> duplicated = new TreeMap<>();
      copies.forEach(
          (id, n) -> {
            if (n > 1) {
              duplicated.put(id, n);
            }
          });
      assertThat(missing).as("articles never tagged").isEmpty();
      assertThat(duplicated).as("articles tagged more than once").isEmpty();
      assertThat(copies.keySet()).as("tagged articles that were never sent").isSubsetOf(ids);
      assertThat(committed).hasSize(ARTICLES);
      System.out.println(
          "[exactly-once] committed records: "
              + committed.size()
              + "; records in the log including aborted transactions: "
              + countAll(bootstrap, topics.tagged()));
    }
  }

  private static Article article(String id, String title) {
    Instant fetched = Instant.parse("2025-01-15T08:00:00Z");
    return new Article(
        Article.SCHEMA_VERSION,
        id,
        null,
        title,
        "https://news.example/" + id,
        "",
        fetched,
        fetched,
        null,
        "https://news.example/feed.xml",
        "Example News",
        List.of());
  }

  private static Map<String, String> env(String bootstrap, Topics topics) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.putAll(topics.variables());
    env.put("THEMES_FILE", TestThemes.file().toString());
    // Several runs in a row on one machine: no fixed ops port to collide on.
    env.put("CLASSIFIER_OPS_PORT", "0");
    env.put("CLASSIFIER_GROUP_ID", "classifier-" + topics.articles());
    // The same id on every restart: the new instance fences the killed one and aborts its open
    // batch.
    env.put("CLASSIFIER_TRANSACTIONAL_ID", TRANSACTIONAL_ID);
    // Small batches: many transactions, so a kill lands inside one.
    env.put("CLASSIFIER_BATCH_SIZE", "100");
    env.put("CLASSIFIER_POLL_TIMEOUT", "100ms");
    return env;
  }

  private static Process start(Map<String, String> env, int run) throws IOException {
    ProcessBuilder builder = ChildJvm.thesiswatch(List.of(), "classifier");
    builder.environment().putAll(env);
    File log =
        Files.createDirectories(Path.of("target", "exactly-once"))
            .resolve("child-" + run + ".log")
            .toFile();
    builder.redirectErrorStream(true).redirectOutput(log);
    return builder.start();
  }

  /**
   * Waits until {@code topic} holds at least {@code progress} committed offsets and a transaction
   * is open with records already written (the high watermark is past the last stable offset), so
   * that the kill that follows lands mid-batch.
   */
  private static void awaitOpenTransaction(String bootstrap, String topic, int progress) {
    try (KafkaConsumer<String, byte[]> committed =
            KafkaTestClients.consumer(bootstrap, "read_committed");
        KafkaConsumer<String, byte[]> all =
            KafkaTestClients.consumer(bootstrap, "read_uncommitted")) {
      List<TopicPartition> partitions = partitions(committed, topic);
      Await.until(
          "an open transaction after " + progress + " committed offsets in " + topic,
          () -> {
            Map<TopicPartition, Long> stable = committed.endOffsets(partitions);
            Map<TopicPartition, Long> written = all.endOffsets(partitions);
            long done = stable.values().stream().mapToLong(Long::longValue).sum();
            return done >= progress
                && partitions.stream().anyMatch(p -> written.get(p) > stable.get(p));
          });
    }
  }

  private static long countAll(String bootstrap, String topic) {
    try (KafkaConsumer<String, byte[]> consumer =
        KafkaTestClients.consumer(bootstrap, "read_uncommitted")) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long count = 0;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        count += consumer.poll(Duration.ofMillis(100)).count();
      }
      return count;
    }
  }

  private static List<TopicPartition> partitions(
      KafkaConsumer<String, byte[]> consumer, String topic) {
    return consumer.partitionsFor(topic).stream()
        .map(p -> new TopicPartition(topic, p.partition()))
        .toList();
  }
}
