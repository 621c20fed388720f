package thesiswatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import thesiswatch.common.TopicReader;
import thesiswatch.common.Topics;

/** The one way services read a topic to its end, against a real broker. */
class TopicReaderIT {

  @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();

  @Test
  void readsCommittedRecordsFromTheBeginningOrFromATimeUpToTheEndSeenAtTheStart() throws Exception {
    Topics topics = kafka.freshTopics();
    String topic = topics.articles();
    long old = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    long recent = Instant.parse("2025-06-01T00:00:00Z").toEpochMilli();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int i = 0; i < 6; i++) {
        producer
            .send(new ProducerRecord<>(topic, i % 3, i < 3 ? old : recent, "k" + i, bytes("v" + i)))
            .get();
      }
      List<String> everything = new ArrayList<>();
      List<String> late = new ArrayList<>();
      TopicReader.Progress all =
          TopicReader.read(
              TopicReader.settings(kafka.bootstrapServers()),
              topic,
              null,
              null,
              batch -> {
                batch.forEach(record -> everything.add(record.key()));
                // Written while the read runs: after the end it set out to reach, so not handed
                // over.
                producer.send(new ProducerRecord<>(topic, 0, recent, "during", bytes("x")));
                producer.flush();
              });
      assertThat(all).isEqualTo(new TopicReader.Progress(6, true));
      assertThat(everything).containsExactlyInAnyOrder("k0", "k1", "k2", "k3", "k4", "k5");

      TopicReader.Progress since =
          TopicReader.read(
              TopicReader.settings(kafka.bootstrapServers()),
              topic,
              Instant.ofEpochMilli(recent),
              null,
              batch -> batch.forEach(record -> late.add(record.key())));
      assertThat(late).containsOnly("k3", "k4", "k5", "during").contains("k3", "k4", "k5");
      assertThat(since.complete()).isTrue();
    }
  }

  @Test
  void aTopicThatDoesNotExistHasNothingToRead() {
    List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
    TopicReader.Progress progress =
        TopicReader.read(
            TopicReader.settings(kafka.bootstrapServers()),
            "no-such-topic",
            null,
            java.time.Duration.ofSeconds(5),
            seen::addAll);
    assertThat(progress).isEqualTo(new TopicReader.Progress(0, true));
    assertThat(seen).isEmpty();
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
