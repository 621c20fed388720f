package thesiswatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import thesiswatch.broker.EmbeddedKafkaBroker;
import thesiswatch.common.Directories;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.TopicReader;
import thesiswatch.common.Topics;

/**
 * The broker integration tests run against: Testcontainers' Kafka (the official {@code
 * apache/kafka} image) when a Docker engine is available, otherwise the embedded KRaft broker.
 * Which one ran is printed, so a test log always says what it tested.
 */
public final class TestKafka implements AutoCloseable {

  /** The official image, at the version of the Kafka jars the project builds against. */
  public static final String IMAGE = "apache/kafka:4.1.1";

  private final AutoCloseable broker;
  private final String bootstrapServers;
  private final String description;
  private final Path dataDir;

  private TestKafka(
      AutoCloseable broker, String bootstrapServers, String description, Path dataDir) {
    this.broker = broker;
    this.bootstrapServers = bootstrapServers;
    this.description = description;
    this.dataDir = dataDir;
  }

  /** Starts a fresh broker with the pipeline's topics created. */
  public static TestKafka start() {
    TestKafka kafka = dockerAvailable() ? container() : embedded();
    System.out.println("[thesiswatch test] broker: " + kafka.description);
    TopicLayout.ensure(kafka.bootstrapServers, Topics.DEFAULTS, (short) 1);
    return kafka;
  }

  private static TestKafka container() {
    KafkaContainer container = new KafkaContainer(IMAGE);
    container.start();
    return new TestKafka(
        container::stop,
        container.getBootstrapServers(),
        "Testcontainers " + IMAGE + " at " + container.getBootstrapServers(),
        null);
  }

  private static TestKafka embedded() {
    try {
      Path dir = Files.createTempDirectory("thesiswatch-kafka");
      EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0);
      return new TestKafka(
          broker,
          broker.bootstrapServers(),
          "embedded KRaft broker (Kafka jars in the JVM) at "
              + broker.bootstrapServers()
              + " — no Docker engine, so Testcontainers' "
              + IMAGE
              + " was skipped",
          dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * Fresh, uniquely named topics created on the broker, so tests do not see each other's records.
   */
  public static Topics freshTopics(String bootstrapServers) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Topics topics =
        new Topics(
            "articles-" + suffix,
            "articles.tagged-" + suffix,
            "feed-state-" + suffix,
            "theme-alerts-" + suffix,
            "claim-verdicts-" + suffix,
            "backfill-state-" + suffix);
    TopicLayout.ensure(bootstrapServers, topics, (short) 1);
    return topics;
  }

  /** {@link #freshTopics(String)} on this broker. */
  public Topics freshTopics() {
    return freshTopics(bootstrapServers);
  }

  /**
   * Every committed record of {@code topic}, duplicates included, from the beginning to its end
   * once no transaction on it is open — what a downstream service would count. A transaction's
   * commit markers reach the partitions one by one, after its consumed offsets may already be
   * visible, so reading at once could stop short of the last batch.
   */
  public static List<ConsumerRecord<String, byte[]>> readCommitted(
      String bootstrapServers, String topic) {
    Await.until(
        "every transaction on " + topic + " to be committed or aborted",
        () ->
            endOffsets(bootstrapServers, topic, "read_committed")
                .equals(endOffsets(bootstrapServers, topic, "read_uncommitted")));
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    TopicReader.read(
        TopicReader.settings(bootstrapServers), topic, null, Await.PATIENCE, records::addAll);
    return records;
  }

  /** {@link #readCommitted(String, String)} on this broker. */
  public List<ConsumerRecord<String, byte[]>> readCommitted(String topic) {
    return readCommitted(bootstrapServers, topic);
  }

  /**
   * Every committed record of {@code topic}, duplicates included, from the beginning to its end
   * now, without waiting for open transactions: what a downstream service would count at this
   * moment.
   */
  public static List<ConsumerRecord<String, byte[]>> committedRecords(
      String bootstrapServers, String topic) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    TopicReader.read(
        TopicReader.settings(bootstrapServers), topic, null, Await.PATIENCE, records::addAll);
    return records;
  }

  /**
   * Keys of {@link #committedRecords every committed record} of {@code topic}, duplicates included.
   */
  public static List<String> committedKeys(String bootstrapServers, String topic) {
    return committedRecords(bootstrapServers, topic).stream().map(ConsumerRecord::key).toList();
  }

  /**
   * Creates the broker's transaction log now, with a transactional producer that commits nothing.
   */
  public void createTransactionLog() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "testkit-warm-up");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      producer.initTransactions();
    }
  }

  /**
   * Sets {@code topic}'s {@code max.message.bytes} to {@code bytes}, so a test can make a record
   * too large for the broker without making a huge one. Keep it above the producers' batch size (16
   * KiB): below it the producer splits batches for ever (KAFKA-8350) instead of failing.
   */
  public void limitRecordSize(String topic, int bytes) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin
          .incrementalAlterConfigs(
              Map.of(
                  new ConfigResource(ConfigResource.Type.TOPIC, topic),
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry("max.message.bytes", String.valueOf(bytes)),
                          AlterConfigOp.OpType.SET))))
          .all()
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot limit the record size of " + topic, e);
    }
  }

  /** {@link #committedKeys(String, String)} on this broker. */
  public List<String> committedKeys(String topic) {
    return committedKeys(bootstrapServers, topic);
  }

  private static Map<TopicPartition, Long> endOffsets(
      String bootstrapServers, String topic, String isolation) {
    Properties settings = TopicReader.settings(bootstrapServers);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      return consumer.endOffsets(partitions);
    }
  }

  /** {@code host:port} of the broker. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Which broker this is, in words. */
  public String description() {
    return description;
  }

  @Override
  public void close() throws Exception {
    broker.close();
    if (dataDir != null) {
      Directories.deleteTree(dataDir);
    }
  }
}
