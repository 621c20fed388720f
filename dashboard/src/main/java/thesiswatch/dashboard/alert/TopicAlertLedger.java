package thesiswatch.dashboard.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.Json;
import thesiswatch.common.TopicReader;

/**
 * The alerts on the alerts topic, read to its end with {@link TopicReader} each time it is asked
 * (the topic is small: one record per alert). A record that is not an alert is left out with a
 * warning: anyone may write the topic, and nothing on it may stop the dashboard.
 */
public final class TopicAlertLedger implements AlertLedger {

  private static final Logger LOG = LoggerFactory.getLogger(TopicAlertLedger.class);

  /** How long one read of the topic may take. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final String topic;

  /** The ledger of {@code topic} on {@code bootstrapServers}. */
  public TopicAlertLedger(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  @Override
  public List<Alert> published() {
    List<Alert> alerts = new ArrayList<>();
    TopicReader.Progress progress =
        TopicReader.read(
            TopicReader.settings(bootstrapServers),
            topic,
            null,
            READ_TIMEOUT,
            batch -> {
              for (ConsumerRecord<String, byte[]> record : batch) {
                if (record.value() == null) {
                  continue;
                }
                try {
                  Alert alert = Json.read(record.value(), Alert.class);
                  if (alert.id() == null
                      || alert.granularity() == null
                      || alert.periodStart() == null) {
                    throw new IllegalArgumentException(
                        "an alert needs an id, a granularity and a period");
                  }
                  alerts.add(alert);
                } catch (IllegalArgumentException e) {
                  LOG.warn(
                      "dashboard: {}-{}@{} is not an alert, left out: {}",
                      record.topic(),
                      record.partition(),
                      record.offset(),
                      e.getMessage());
                }
              }
            });
    if (!progress.complete()) {
      throw new TimeoutException("reading " + topic + " took longer than " + READ_TIMEOUT);
    }
    return alerts;
  }
}
