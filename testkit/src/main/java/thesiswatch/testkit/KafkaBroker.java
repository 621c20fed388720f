package thesiswatch.testkit;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import thesiswatch.common.Topics;

/**
 * The broker a test class runs against, as a JUnit 5 extension: started before the class's first
 * test ({@link TestKafka}: Testcontainers' Kafka when Docker runs, else the embedded KRaft broker),
 * stopped after its last. Tests that must not see each other's records ask for {@link
 * #freshTopics()}.
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();
 * }</pre>
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {

  private final boolean warmTransactions;
  private TestKafka kafka;

  /** A broker as it starts. */
  public KafkaBroker() {
    this(false);
  }

  private KafkaBroker(boolean warmTransactions) {
    this.warmTransactions = warmTransactions;
  }

  /**
   * A broker whose transaction log exists before the first test: a fresh broker creates it on the
   * first transactional producer, which takes seconds, and tests that compare the order of events
   * must not pay that mid-test.
   */
  public static KafkaBroker withTransactionLog() {
    return new KafkaBroker(true);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    kafka = TestKafka.start();
    if (warmTransactions) {
      kafka.createTransactionLog();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (kafka != null) {
      kafka.close();
      kafka = null;
    }
  }

  /** The running broker. */
  public TestKafka kafka() {
    if (kafka == null) {
      throw new IllegalStateException(
          "the broker runs only between the test class's @BeforeAll and @AfterAll");
    }
    return kafka;
  }

  /** {@code host:port} of the broker. */
  public String bootstrapServers() {
    return kafka().bootstrapServers();
  }

  /** See {@link TestKafka#freshTopics()}. */
  public Topics freshTopics() {
    return kafka().freshTopics();
  }

  /** See {@link TestKafka#committedKeys(String)}. */
  public List<String> committedKeys(String topic) {
    return kafka().committedKeys(topic);
  }

  /** See {@link TestKafka#committedRecords(String, String)}. */
  public List<ConsumerRecord<String, byte[]>> committedRecords(String topic) {
    return TestKafka.committedRecords(bootstrapServers(), topic);
  }

  /** See {@link TestKafka#limitRecordSize(String, int)}. */
  public void limitRecordSize(String topic, int bytes) {
    kafka().limitRecordSize(topic, bytes);
  }

  /** See {@link TestKafka#readCommitted(String)}. */
  public List<ConsumerRecord<String, byte[]>> readCommitted(String topic) {
    return kafka().readCommitted(topic);
  }
}
