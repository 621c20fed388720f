package thesiswatch.dashboard.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.FeedState;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;
import thesiswatch.dashboard.feeds.FeedHealth;
import thesiswatch.dashboard.index.ArticleIndex;

/**
 * Reads {@code articles.tagged} into the index and {@code feed-state} into feed health, on one
 * named thread. No consumer group: every partition is assigned and sought to the position the index
 * committed, because the index, not Kafka, holds this reader's offsets. {@code feed-state} is
 * compacted and small, so it is read from the beginning on every start.
 *
 * <p>Records are read {@code read_committed} (only the classifier's committed transactions). The
 * index is refreshed every refresh interval and committed, with the offsets, every commit interval
 * — never per record.
 */
public final class TaggedArticleConsumer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TaggedArticleConsumer.class);

  /**
   * How long to wait for a topic's partitions before trying again (the topic may not exist yet).
   */
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

  /** Records per poll. */
  static final int MAX_POLL_RECORDS = 2000;

  /**
   * Once caught up, a refresh may follow the previous one this soon (a quarter of the refresh
   * interval): a lone new article is searchable quickly, and a trickle cannot flush a tiny segment
   * per record.
   */
  private static final int CAUGHT_UP_REFRESH_DIVISOR = 4;

  /** The thread's name, as seen in thread dumps. */
  public static final String THREAD_NAME = "dashboard-consumer";

  /** What the orchestrator does at the consumer's pace, on the consumer thread. */
  public interface Listener {
    /** {@code articles} were just made searchable. */
    void indexed(List<TaggedArticle> articles);

    /**
     * Called before each commit, so that state written now (e.g. alerts) is committed with the
     * offsets.
     */
    void beforeCommit();

    /** Called after each commit, for work that must only happen once its state is durable. */
    void afterCommit();
  }

  private final String bootstrapServers;
  private final String taggedTopic;
  private final String feedStateTopic;
  private final ArticleIndex index;
  private final FeedHealth feeds;
  private final Listener listener;
  private final Duration commitInterval;
  private final Duration refreshInterval;
  private final MeterRegistry registry;
  private final Counter indexedCounter;
  private final Timer commitTimer;
  private final Counter skippedCounter;
  private final AtomicLong lag = new AtomicLong();
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile Throwable failure;

  /** True while partitions are assigned and the loop runs. */
  private volatile boolean reading;

  /** A consumer of {@code taggedTopic} and {@code feedStateTopic}; call {@link #start()}. */
  public TaggedArticleConsumer(
      String bootstrapServers,
      String taggedTopic,
      String feedStateTopic,
      ArticleIndex index,
      FeedHealth feeds,
      Listener listener,
      Duration commitInterval,
      Duration refreshInterval,
      MeterRegistry registry) {
    this.bootstrapServers = bootstrapServers;
    this.taggedTopic = taggedTopic;
    this.feedStateTopic = feedStateTopic;
    this.index = index;
    this.feeds = feeds;
    this.listener = listener;
    this.commitInterval = commitInterval;
    this.refreshInterval = refreshInterval;
    this.registry = registry;
    this.indexedCounter =
        Counter.builder("thesiswatch.dashboard.articles.indexed")
            .description("tagged articles written to the index")
            .register(registry);
    this.commitTimer =
        Timer.builder("thesiswatch.dashboard.index.commit")
            .description("time to commit the index with its Kafka offsets")
            .register(registry);
    this.skippedCounter =
        Counter.builder("thesiswatch.dashboard.records.skipped")
            .description("records of articles.tagged that are not valid TaggedArticle JSON")
            .tag("kind", "invalid_record")
            .register(registry);
    Gauge.builder("thesiswatch.dashboard.consumer.lag", lag, AtomicLong::get)
        .description("records of articles.tagged not yet indexed")
        .register(registry);
    this.thread = new Thread(this::run, THREAD_NAME);
  }

  /** Starts reading on the consumer thread. */
  public void start() {
    thread.start();
  }

  /** The error that stopped the consumer (e.g. a Lucene tragic exception), or null. */
  public Throwable failure() {
    return failure;
  }

  /** Whether the consumer has its partitions and reads them. */
  public boolean reading() {
    return reading;
  }

  /** Blocks until the consumer thread has ended. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Kafka {@link Properties} for this reader. */
  static Properties properties(String bootstrapServers) {
    Properties props = new Properties();
    // Where the broker is.
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // Shows up in broker logs and metrics.
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "thesiswatch-dashboard");
    // Only records of committed classifier transactions: aborted ones would be counted otherwise.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Offsets live in the Lucene commit, never in Kafka: no group, no auto commit.
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // A partition the index has never seen is read from its first record.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Large batches amortise the per-poll work; the index takes thousands of documents a second.
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(MAX_POLL_RECORDS));
    // Keys are article ids / feed URLs; values are JSON read with the shared mapper.
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return props;
  }

  private void run() {
    try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(properties(bootstrapServers));
        KafkaClientMetrics clientMetrics = new KafkaClientMetrics(kafka)) {
      clientMetrics.bindTo(registry);
      assign(kafka);
      reading = true;
      long lastCommit = System.nanoTime();
      long lastRefresh = System.nanoTime();
      List<TaggedArticle> unrefreshed = new ArrayList<>();
      while (running) {
        ConsumerRecords<String, byte[]> records = kafka.poll(refreshInterval);
        for (ConsumerRecord<String, byte[]> record : records) {
          if (record.topic().equals(feedStateTopic)) {
            applyFeedState(record);
          } else {
            TaggedArticle article = read(record);
            if (article != null) {
              index.upsert(article, record.topic(), record.partition(), record.offset() + 1);
              unrefreshed.add(article);
              indexedCounter.increment();
            } else {
              index.recordPosition(record.topic(), record.partition(), record.offset() + 1);
            }
          }
        }
        long now = System.nanoTime();
        boolean caughtUp = records.count() < MAX_POLL_RECORDS;
        long gap =
            caughtUp
                ? refreshInterval.toNanos() / CAUGHT_UP_REFRESH_DIVISOR
                : refreshInterval.toNanos();
        if (!unrefreshed.isEmpty() && now - lastRefresh >= gap) {
          index.refresh();
          listener.indexed(List.copyOf(unrefreshed));
          unrefreshed.clear();
          lastRefresh = now;
          updateLag(kafka);
        }
        if (now - lastCommit >= commitInterval.toNanos()) {
          commit(unrefreshed);
          lastCommit = now;
        }
      }
      commit(unrefreshed);
    } catch (RuntimeException | Error e) {
      failure = index.tragedy() != null ? index.tragedy() : e;
      LOG.error("dashboard consumer stopped: {}", e.toString(), e);
    } finally {
      reading = false;
      stopped.countDown();
    }
  }

  private void commit(List<TaggedArticle> unrefreshed) {
    if (!unrefreshed.isEmpty()) {
      index.refresh();
      listener.indexed(List.copyOf(unrefreshed));
      unrefreshed.clear();
    }
    listener.beforeCommit();
    commitTimer.record(index::commit);
    listener.afterCommit();
  }

  private void assign(KafkaConsumer<String, byte[]> kafka) {
    List<TopicPartition> tagged = partitions(kafka, taggedTopic);
    List<TopicPartition> states = partitions(kafka, feedStateTopic);
    List<TopicPartition> all = new ArrayList<>(tagged);
    all.addAll(states);
    kafka.assign(all);
    Map<Integer, Long> positions = index.positions(taggedTopic);
    for (TopicPartition partition : tagged) {
      Long position = positions.get(partition.partition());
      if (position != null) {
        kafka.seek(partition, position);
      } else {
        kafka.seekToBeginning(List.of(partition));
      }
    }
    kafka.seekToBeginning(states);
    LOG.info(
        "dashboard reads {} from {} and {} from the beginning",
        taggedTopic,
        positions.isEmpty() ? "the beginning" : "the index's committed offsets " + positions,
        feedStateTopic);
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka, String topic) {
    while (running) {
      List<PartitionInfo> infos = kafka.partitionsFor(topic, METADATA_TIMEOUT);
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      }
      LOG.info("waiting for topic {} to exist", topic);
    }
    return List.of();
  }

  private TaggedArticle read(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return null;
    }
    try {
      return Json.read(record.value(), TaggedArticle.class);
    } catch (IllegalArgumentException e) {
      skippedCounter.increment();
      LOG.warn(
          "dashboard: skipped {}-{}@{}: invalid_record: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return null;
    }
  }

  private void applyFeedState(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      if (record.key() != null) {
        feeds.remove(record.key());
      }
      return;
    }
    try {
      feeds.update(Json.read(record.value(), FeedState.class));
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "dashboard: skipped feed state {}-{}@{}: invalid_record: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  private void updateLag(KafkaConsumer<String, byte[]> kafka) {
    // currentLag uses the end offsets the last fetch brought along: no extra request to the broker.
    long total = 0;
    for (TopicPartition partition : kafka.assignment()) {
      if (partition.topic().equals(taggedTopic)) {
        total += kafka.currentLag(partition).orElse(0);
      }
    }
    lag.set(total);
  }

  /** Stops reading and waits for the consumer thread to end. Idempotent. */
  @Override
  public void close() {
    // No wakeup(): the poll returns within one refresh interval and the loop ends with a commit.
    running = false;
    if (thread.isAlive() && Thread.currentThread() != thread) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
