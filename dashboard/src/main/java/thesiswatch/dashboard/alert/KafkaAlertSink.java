package thesiswatch.dashboard.alert;

import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.Json;

/**
 * Publishes alerts to the alerts topic, keyed by theme, as {@link Alert} JSON, and says which were
 * written: the topic is the {@link AlertLedger} of what went out.
 */
public final class KafkaAlertSink implements AlertSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaAlertSink.class);

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final Consumer<String> onPublished;

  /** A sink publishing to {@code topic} on {@code bootstrapServers}. */
  public KafkaAlertSink(String bootstrapServers, String topic) {
    this(bootstrapServers, topic, id -> {});
  }

  /**
   * A sink publishing to {@code topic} on {@code bootstrapServers} that calls {@code onPublished}
   * with each alert's id once the broker has it (on the producer's thread).
   */
  public KafkaAlertSink(String bootstrapServers, String topic, Consumer<String> onPublished) {
    this.producer = new KafkaProducer<>(properties(bootstrapServers));
    this.topic = topic;
    this.onPublished = onPublished;
  }

  /** Kafka {@link Properties} for the alert producer. */
  static Properties properties(String bootstrapServers) {
    Properties props = new Properties();
    // Where the broker is.
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // Shows up in broker logs and metrics.
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "thesiswatch-dashboard-alerts");
    // An alert is written once it is on every in-sync replica.
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // Retries never duplicate an alert; explicit so that a misconfiguration fails loudly.
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Rides out a broker restart without blocking the consumer loop (send is asynchronous).
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    // Keys are theme ids; values are JSON written with the shared mapper.
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }

  @Override
  public void send(Alert alert) {
    producer.send(
        new ProducerRecord<>(topic, alert.theme(), Json.bytes(alert)),
        (metadata, error) -> {
          if (error != null) {
            LOG.warn("alert {} not published to {}: {}", alert.id(), topic, error.toString());
          } else {
            onPublished.accept(alert.id());
          }
        });
  }

  /** Flushes and closes the producer. */
  @Override
  public void close() {
    producer.close();
  }
}
