package thesiswatch.classifier.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import thesiswatch.classifier.Fixtures;
import thesiswatch.classifier.match.ThemeMatcher;
import thesiswatch.classifier.themes.ThemeSet;
import thesiswatch.common.Json;
import thesiswatch.common.StallWatch;
import thesiswatch.common.Topics;

/**
 * A commit that times out, with mock clients: Kafka forbids aborting it (it may be completing at
 * the broker), so the loop commits it again; a commit that never completes ends the loop instead of
 * aborting.
 */
class TaggingLoopCommitTest {

  private static final TopicPartition PARTITION = new TopicPartition(Topics.DEFAULTS.articles(), 0);

  private ThemeMatcher matcher;
  private MockConsumer<String, byte[]> consumer;

  @BeforeEach
  void setUp() {
    matcher = ThemeMatcher.of(ThemeSet.load(Fixtures.THEMES));
    consumer = new MockConsumer<>("earliest");
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(PARTITION));
          consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
          consumer.addRecord(
              new ConsumerRecord<>(
                  PARTITION.topic(),
                  0,
                  0,
                  "a1",
                  Json.bytes(
                      Fixtures.article(
                          "a1", "Tech firm lays off 300 workers as AI takes over support"))));
        });
  }

  @AfterEach
  void tearDown() {
    matcher.close();
  }

  @Test
  void aCommitThatTimesOutIsCommittedAgainNeverAborted() throws Exception {
    TimingOutProducer producer = new TimingOutProducer(1);
    TaggingLoop loop = loop(producer, Duration.ofSeconds(30));
    producer.afterCommit = loop::stop;

    runToEnd(loop);

    assertThat(loop.failure()).isNull();
    assertThat(producer.commitCalls.get()).isEqualTo(2);
    assertThat(producer.aborts.get()).isZero();
    assertThat(producer.transactionCommitted()).isTrue();
    assertThat(producer.history()).extracting(record -> record.key()).containsExactly("a1");
    assertThat(producer.consumerGroupOffsetsHistory())
        .singleElement()
        .satisfies(
            offsets ->
                assertThat(offsets.values().iterator().next())
                    .containsEntry(PARTITION, new OffsetAndMetadata(1)));
  }

  @Test
  void aCommitThatNeverCompletesEndsTheLoopWithoutAnAbort() throws Exception {
    TimingOutProducer producer = new TimingOutProducer(Integer.MAX_VALUE);

    TaggingLoop loop = loop(producer, Duration.ofSeconds(1));
    runToEnd(loop);

    assertThat(loop.failure())
        .isInstanceOf(TaggingLoop.CommitUnresolvedException.class)
        .hasMessageContaining("did not complete within PT1S")
        .hasCauseInstanceOf(TimeoutException.class);
    assertThat(producer.aborts.get()).isZero();
    assertThat(producer.transactionCommitted()).isFalse();
  }

  /**
   * Runs the loop until it ends by itself. A loop that aborts the timed-out batch instead polls on
   * for ever (the mock consumer has nothing more to give): that fails here, and is stopped.
   */
  private static void runToEnd(TaggingLoop loop) throws InterruptedException {
    Thread thread = new Thread(loop, "tagging-under-test");
    thread.start();
    try {
      assertThat(loop.await(Duration.ofSeconds(30))).as("the loop ended by itself").isTrue();
    } finally {
      loop.stop();
      thread.join(10_000);
    }
  }

  private TaggingLoop loop(Producer<String, byte[]> producer, Duration transactionTimeout) {
    return MockLoops.loop(
        consumer,
        producer,
        matcher,
        transactionTimeout,
        new StallWatch(Duration.ofMinutes(5), Clock.systemUTC()));
  }

  /**
   * A transactional mock producer whose first {@code timeouts} commits time out (after 50 ms, not
   * 60 s).
   */
  private static final class TimingOutProducer extends MockProducer<String, byte[]> {
    final AtomicInteger commitCalls = new AtomicInteger();
    final AtomicInteger aborts = new AtomicInteger();
    private final int timeouts;
    Runnable afterCommit = () -> {};

    TimingOutProducer(int timeouts) {
      super(true, null, new StringSerializer(), new ByteArraySerializer());
      this.timeouts = timeouts;
    }

    @Override
    public void commitTransaction() {
      if (commitCalls.incrementAndGet() <= timeouts) {
        sleep();
        throw new TimeoutException("Timeout expired after 60000ms while awaiting EndTxn(true)");
      }
      super.commitTransaction();
      afterCommit.run();
    }

    private static void sleep() {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void abortTransaction() {
      // The real producer refuses this after a commit timed out; counting it is the assertion.
      aborts.incrementAndGet();
      super.abortTransaction();
    }
  }
}
