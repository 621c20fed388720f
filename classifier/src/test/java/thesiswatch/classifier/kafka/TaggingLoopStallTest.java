package thesiswatch.classifier.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import thesiswatch.classifier.Fixtures;
import thesiswatch.classifier.match.ThemeMatcher;
import thesiswatch.classifier.themes.ThemeSet;
import thesiswatch.common.Json;
import thesiswatch.common.StallWatch;
import thesiswatch.common.Topics;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.TestClock;

/**
 * A batch that Kafka keeps failing is read again and again; once it has waited the stall time
 * without a commit (on an injected clock, not a sleep) the loop's stage is stalled, and a commit
 * ends the stall.
 */
class TaggingLoopStallTest {

  private static final TopicPartition PARTITION = new TopicPartition(Topics.DEFAULTS.articles(), 0);

  @Test
  void aBatchRetriedWithoutACommitIsAStallUntilOneCommits() throws Exception {
    TestClock clock = new TestClock();
    StallWatch stalls = new StallWatch(Duration.ofMinutes(5), clock);
    MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    AtomicBoolean brokerAway = new AtomicBoolean(true);
    AtomicInteger failedSends = new AtomicInteger();
    AtomicInteger aborts = new AtomicInteger();
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
            if (brokerAway.get()) {
              failedSends.incrementAndGet();
              throw new KafkaException("the broker is away");
            }
            return super.send(record);
          }

          @Override
          public synchronized void abortTransaction() {
            super.abortTransaction();
            aborts.incrementAndGet();
          }
        };
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(PARTITION));
          consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
          consumer.addRecord(record(0, "a1"));
        });
    try (ThemeMatcher matcher = ThemeMatcher.of(ThemeSet.load(Fixtures.THEMES))) {
      TaggingLoop loop =
          MockLoops.loop(consumer, producer, matcher, Duration.ofSeconds(30), stalls);
      Thread thread = new Thread(loop, "tagging-under-test");
      thread.start();
      try {
        // The loop starts the stall clock before it aborts: only then may the test's clock move.
        Await.until("a failed batch aborted", () -> failedSends.get() >= 1 && aborts.get() >= 1);
        assertThat(stalls.stalled()).isFalse();
        clock.advance(Duration.ofMinutes(5));
        assertThat(stalls.stalled()).isTrue();

        brokerAway.set(false);
        consumer.schedulePollTask(() -> consumer.addRecord(record(0, "a1")));
        Await.until("the batch committed", () -> producer.history().size() == 1);
        Await.until("the stall over", () -> !stalls.stalled());
        assertThat(loop.failure()).isNull();
      } finally {
        loop.stop();
        thread.join(10_000);
      }
    }
  }

  private static ConsumerRecord<String, byte[]> record(long offset, String id) {
    return new ConsumerRecord<>(
        PARTITION.topic(),
        0,
        offset,
        id,
        Json.bytes(Fixtures.article(id, "Tech firm lays off 300 workers")));
  }
}
