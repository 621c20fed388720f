package thesiswatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.PortInUseException;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;

class EmbeddedKafkaBrokerIT {

  @TempDir Path dataDir;

  @Test
  void committedTransactionsSurviveARestartOnTheSameDataDirectory() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
      TopicLayout.ensure(broker.bootstrapServers(), Topics.DEFAULTS, (short) 1);
      try (KafkaProducer<String, String> producer =
          transactionalProducer(broker.bootstrapServers())) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("articles", "a1", "kept"));
        producer.commitTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("articles", "a2", "aborted"));
        producer.abortTransaction();
      }
    }
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
      assertThat(TopicLayout.ensure(broker.bootstrapServers(), Topics.DEFAULTS, (short) 1))
          .isEmpty();
      assertThat(readCommitted(broker.bootstrapServers(), "articles")).containsExactly("kept");
    }
  }

  @Test
  void aTakenPortIsNamed() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> EmbeddedKafkaBroker.start(dataDir, taken.getLocalPort()))
          .isInstanceOf(PortInUseException.class)
          .hasMessage("port " + taken.getLocalPort() + " for Kafka is already in use");
    }
  }

  @Test
  void aControllerPortTakenBeforeKafkaBindsItIsRetriedOnAnotherInsteadOfHaltingTheJvm()
      throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      // The first choice of controller port is one another process holds: Kafka's fault handler
      // used to halt the JVM (a test fork "terminated without saying goodbye").
      AtomicInteger choices = new AtomicInteger();
      IntUnaryOperator ports =
          avoid -> choices.incrementAndGet() == 2 ? taken.getLocalPort() : freePortOtherThan(avoid);
      try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0, ports)) {
        assertThat(choices.get()).isEqualTo(4);
        assertThat(TopicLayout.ensure(broker.bootstrapServers(), Topics.DEFAULTS, (short) 1))
            .isNotEmpty();
      }
    }
  }

  @Test
  void aStartThatFailsOnEveryPairOfPortsIsAnExceptionNotAHalt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      IntUnaryOperator ports = avoid -> avoid == -1 ? freePortOtherThan(-1) : taken.getLocalPort();
      assertThatThrownBy(() -> EmbeddedKafkaBroker.start(dataDir, 0, ports))
          .isInstanceOf(BrokerStartException.class);
    }
    // The JVM is still here, and a start on free ports works.
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
      assertThat(broker.port()).isPositive();
    }
  }

  private static int freePortOtherThan(int avoid) {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
        if (socket.getLocalPort() != avoid) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static KafkaProducer<String, String> transactionalProducer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "broker-test"),
        new StringSerializer(),
        new StringSerializer());
  }

  private static List<String> readCommitted(String bootstrap, String topic) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "broker-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
      // Drain briefly so an aborted record, if wrongly visible, would show up too.
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
        values.add(record.value());
      }
    }
    return values;
  }
}
