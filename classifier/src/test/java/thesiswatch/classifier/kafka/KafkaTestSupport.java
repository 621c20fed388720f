package thesiswatch.classifier.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import thesiswatch.common.Article;
import thesiswatch.common.Json;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;

/** Producing fixture articles and reading topics back, for the classifier's component tests. */
public final class KafkaTestSupport {

  /** Longest wait for the pipeline to reach an expected state: liveness, not speed. */
  public static final Duration PATIENCE = Duration.ofSeconds(90);

  private KafkaTestSupport() {}

  /** One fixture headline: id, expected theme ids ({@code -} for none), title. */
  public record Fixture(String id, String expected, String title) {}

  /** The fixture headlines of {@code articles/headlines.tsv}. */
  public static List<Fixture> fixtures() {
    try {
      Path file = Path.of(KafkaTestSupport.class.getResource("/articles/headlines.tsv").toURI());
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<Fixture> result = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split("\t", 3);
        result.add(new Fixture(cells[0], cells[1], cells[2]));
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An article with {@code id} and {@code title}, as ingest would publish it. */
  public static Article article(String id, String title) {
    Instant fetched = Instant.parse("2025-01-15T08:00:00Z");
    return new Article(
        Article.SCHEMA_VERSION, id, null, title, "https://news.example/" + id, "", fetched, fetched,
        null, "https://news.example/feed.xml", "Example News", List.of());
  }

  /** Fresh, uniquely named topics created on the broker, so tests do not see each other's records. */
  public static Topics freshTopics(String bootstrap) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Topics topics =
        new Topics("articles-" + suffix, "articles.tagged-" + suffix, "feed-state-" + suffix, "theme-alerts-" + suffix);
    TopicLayout.ensure(bootstrap, topics, (short) 1);
    return topics;
  }

  /** A plain (non-transactional) producer of raw values, as ingest or a broken client would be. */
  public static KafkaProducer<String, byte[]> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(props);
  }

  /** Sends {@code value} to partition 0 of {@code topic}, so records keep their order. */
  public static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, 0, key, value)).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends an article as JSON to partition 0. */
  public static void send(KafkaProducer<String, byte[]> producer, String topic, Article article) {
    send(producer, topic, article.id(), Json.bytes(article));
  }

  /**
   * Every committed record of {@code topic}, from the beginning, once no transaction on it is
   * open. A transaction's commit markers reach the partitions one by one, after its consumed
   * offsets may already be visible, so reading at once could stop short of the last batch.
   */
  public static List<ConsumerRecord<String, byte[]>> readCommitted(String bootstrap, String topic) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, "read_committed");
        KafkaConsumer<String, byte[]> uncommitted = consumer(bootstrap, "read_uncommitted")) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      // With read_committed the end offsets are the last stable offsets; equal to the high
      // watermarks when every transaction is committed or aborted.
      await(() -> consumer.endOffsets(partitions).equals(uncommitted.endOffsets(partitions)),
          "every transaction on " + topic + " to be committed or aborted");
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** A consumer of raw records with {@code isolation} ({@code read_committed} or {@code read_uncommitted}). */
  public static KafkaConsumer<String, byte[]> consumer(String bootstrap, String isolation) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(props);
  }

  /** Waits until {@code group} has committed offsets at the end of every partition of {@code topic}. */
  public static void awaitConsumed(String bootstrap, String group, String topic) {
    await(() -> consumed(bootstrap, group, topic), "group " + group + " to consume all of " + topic);
  }

  private static boolean consumed(String bootstrap, String group, String topic) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, Long> end = endOffsets(admin, topic);
      for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
        OffsetAndMetadata offset = committed.get(entry.getKey());
        long position = offset == null ? 0 : offset.offset();
        if (position < entry.getValue()) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic)
      throws InterruptedException, ExecutionException {
    int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      request.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> result = new HashMap<>();
    admin.listOffsets(request).all().get().forEach((tp, info) -> result.put(tp, info.offset()));
    return result;
  }

  /** Waits, polling, until {@code condition} holds; fails naming {@code what} after {@link #PATIENCE}. */
  public static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what + " after " + PATIENCE);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }
}
