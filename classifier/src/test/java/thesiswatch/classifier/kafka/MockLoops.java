package thesiswatch.classifier.kafka;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import thesiswatch.classifier.ClassifierConfig;
import thesiswatch.classifier.Fixtures;
import thesiswatch.classifier.match.ThemeMatcher;
import thesiswatch.common.StallWatch;
import thesiswatch.common.Topics;

/** Tagging loops over mock Kafka clients, for the loop's unit tests. */
final class MockLoops {

  private MockLoops() {}

  /** A loop reading {@code consumer}, writing {@code producer}, tagging with {@code matcher}. */
  static TaggingLoop loop(
      Consumer<String, byte[]> consumer,
      Producer<String, byte[]> producer,
      ThemeMatcher matcher,
      Duration transactionTimeout,
      StallWatch stalls) {
    ClassifierConfig config =
        new ClassifierConfig(
            "127.0.0.1:9",
            Topics.DEFAULTS,
            Fixtures.THEMES,
            "classifier",
            "classifier-test",
            Duration.ofMinutes(10),
            200,
            Duration.ofMillis(10),
            transactionTimeout,
            Duration.ofSeconds(1),
            stalls.after());
    TaggingLoop.Clients clients =
        new TaggingLoop.Clients() {
          @Override
          public Consumer<String, byte[]> consumer(Properties settings) {
            return consumer;
          }

          @Override
          public Producer<String, byte[]> producer(Properties settings) {
            return producer;
          }
        };
    return new TaggingLoop(config, clients, () -> matcher, () -> {}, new NoListener(), stalls);
  }

  /** A listener that records nothing. */
  private static final class NoListener implements TaggingLoop.Listener {
    @Override
    public void committed(BatchTagger.Output output, Duration took) {}

    @Override
    public void aborted(KafkaException cause) {}

    @Override
    public void clientsOpened(Consumer<?, ?> consumer, Producer<?, ?> producer) {}

    @Override
    public void clientsClosed() {}
  }
}
