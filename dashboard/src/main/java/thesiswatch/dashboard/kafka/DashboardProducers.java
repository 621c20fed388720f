package thesiswatch.dashboard.kafka;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The settings of the dashboard's producers (alerts, dead letters, the verdicts' track record):
 * each appends records that must not be lost nor written twice, outside any transaction, since what
 * the dashboard reads is kept in its index, not in Kafka.
 */
public final class DashboardProducers {

  private DashboardProducers() {}

  /** Kafka {@link Properties} for a producer named {@code clientId}. */
  public static Properties properties(String bootstrapServers, String clientId) {
    Properties props = new Properties();
    // Where the broker is.
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // Shows up in broker logs and metrics.
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    // A record counts as written once it is on every in-sync replica.
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // Retries never write a record twice; explicit so that a misconfiguration fails loudly.
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Rides out a broker restart without blocking the consumer loop (send is asynchronous).
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    // String keys (theme ids, claim and period, the original keys); values are bytes, JSON
    // written with the shared mapper or a dead record as it came.
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }
}
