package thesiswatch.ingest.kafka;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka client settings of ingest, each with its reason. */
public final class IngestKafka {

  private IngestKafka() {}

  /** The transactional producer writing articles and feed state together. */
  public static Properties producer(
      String bootstrapServers, String transactionalId, Duration maxBlock) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // A record is acknowledged only once every in-sync replica has it.
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // Explicit, so a conflicting setting fails loudly instead of silently dropping idempotence.
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // A poll's articles and the feed's new state commit together or not at all: restart-safe.
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    // Ride out a broker restart before a send fails; the poll is then retried whole.
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
    // Bounds how long send()/commit block when the broker is away; the publisher then retries.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
    // An open transaction of a crashed instance is aborted by the broker after this.
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
    // Headlines compress well; lz4 is cheap on the CPU.
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // One request in flight per broker. Right after a commit, the broker may still be writing the
    // previous transaction's markers and answers the next transaction's first batch with
    // CONCURRENT_TRANSACTIONS (retried); with more in flight, the batches behind it arrive out of
    // sequence and the broker logs each as an ERROR. Ingest's volume never needs the pipelining.
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    // Names the client in broker logs and metrics.
    props.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
    // Keys are article ids and feed URLs; values are JSON bytes from thesiswatch.common.Json.
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }
}
