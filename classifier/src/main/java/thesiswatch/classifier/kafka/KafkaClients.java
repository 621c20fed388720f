package thesiswatch.classifier.kafka;

import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import thesiswatch.classifier.ClassifierConfig;

/** The classifier's Kafka client settings, one method per client, one comment per key. */
public final class KafkaClients {

  /** Most articles per poll, and so per transaction, of a replay. */
  public static final int REPLAY_BATCH_SIZE = 2_000;

  private KafkaClients() {}

  /** The consumer of {@code articles} in the classifier's group. */
  public static Properties consumer(ClassifierConfig config) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    // Instances of the group share the partitions of articles.
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    // Static membership under the instance's stable id: a restarted instance takes its partitions
    // back at once instead of waiting out the dead member's session.
    props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.transactionalId());
    // Offsets are committed only inside the producer's transaction (sendOffsetsToTransaction).
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Never see records of aborted transactions (harmless if ingest does not use transactions).
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A new group starts from the first article: every article is tagged, none skipped.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // One poll is one transaction; small batches keep each well inside max.poll.interval.ms.
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batchSize());
    // Keys are article ids; values are read as bytes so a garbage value can go to the DLQ as is.
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return props;
  }

  /** A replay consumer: no group (partitions are assigned), reads committed articles only. */
  public static Properties replayConsumer(ClassifierConfig config) {
    Properties props = consumer(config);
    // No group: replay must not move the service's committed offsets.
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.groupId() + "-replay-" + UUID.randomUUID());
    // A replay is a backfill, not live traffic: large polls make few, large transactions.
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, REPLAY_BATCH_SIZE);
    return props;
  }

  /** The transactional producer of {@code articles.tagged} and {@code articles.dlq}. */
  public static Properties producer(ClassifierConfig config, String transactionalId) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    // Stable per instance: a restarted instance fences its zombie and aborts its open transaction.
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    // Implied by transactions; explicit so nobody turns it off.
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Required by idempotence; explicit for readers.
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // The broker aborts a dead instance's open transaction after this, unblocking readers.
    props.put(
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) config.transactionTimeout().toMillis());
    // Batch the tagged articles of one poll together.
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }
}
