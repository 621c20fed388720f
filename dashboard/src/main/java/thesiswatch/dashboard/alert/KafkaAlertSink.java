package thesiswatch.dashboard.alert;

import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.Json;
import thesiswatch.dashboard.kafka.DashboardProducers;

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
    this.producer =
        new KafkaProducer<>(
            DashboardProducers.properties(bootstrapServers, "thesiswatch-dashboard-alerts"));
    this.topic = topic;
    this.onPublished = onPublished;
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
