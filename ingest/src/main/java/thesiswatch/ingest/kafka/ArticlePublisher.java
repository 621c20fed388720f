package thesiswatch.ingest.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import thesiswatch.common.Article;
import thesiswatch.common.FeedState;
import thesiswatch.common.Json;
import thesiswatch.common.Topics;

/**
 * Writes a poll's articles (key = article id) and its feed's new state (key = feed URL) in one
 * Kafka transaction, so a crash can never publish articles without remembering them, or remember
 * articles that were not published. A commit that timed out is retried as a commit (it may have
 * succeeded, so sending again could duplicate); any other failure aborts the transaction and drops
 * the producer, and the next call starts a fresh one (whose {@code initTransactions} also fences a
 * stuck predecessor). Not thread-safe: one publisher thread owns it.
 */
public final class ArticlePublisher implements AutoCloseable {

  private final String bootstrapServers;
  private final Topics topics;
  private final String transactionalId;
  private final Duration maxBlock;
  private final MeterRegistry registry;
  private KafkaProducer<String, byte[]> producer;

  /** The current producer's client metrics (request rates, errors, buffer use), unbound with it. */
  private KafkaClientMetrics producerMetrics;

  /** A commit timed out: it may have happened, so the retry only commits again, never re-sends. */
  private boolean commitPending;

  /**
   * A publisher that connects lazily, on the first {@link #publish}; Kafka calls block at most
   * {@code maxBlock}; the producer's client metrics go to {@code registry}.
   */
  public ArticlePublisher(
      String bootstrapServers,
      Topics topics,
      String transactionalId,
      Duration maxBlock,
      MeterRegistry registry) {
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
    this.transactionalId = transactionalId;
    this.maxBlock = maxBlock;
    this.registry = registry;
  }

  /**
   * Publishes {@code articles} and {@code states} atomically.
   *
   * @throws KafkaException when the transaction did not commit; nothing of it is visible to
   *     read_committed readers, and the caller may retry the same batch
   * @throws RuntimeException when a value cannot be serialised; no transaction was begun
   */
  public void publish(List<Article> articles, List<FeedState> states) {
    publish(articles, states, List.of());
  }

  /**
   * Publishes a tombstone on the feed-state topic for each of {@code feedUrls}, atomically: the
   * feeds are no longer in the feed list, so readers forget them instead of showing them stale for
   * ever.
   *
   * @throws KafkaException as {@link #publish(List, List)}
   */
  public void forget(Collection<String> feedUrls) {
    publish(List.of(), List.of(), feedUrls);
  }

  private void publish(List<Article> articles, List<FeedState> states, Collection<String> gone) {
    if (commitPending) {
      retryCommit();
      return;
    }
    // Serialised first, so a value that cannot be never leaves a transaction open.
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (Article article : articles) {
      records.add(new ProducerRecord<>(topics.articles(), article.id(), Json.bytes(article)));
    }
    for (FeedState state : states) {
      records.add(new ProducerRecord<>(topics.feedState(), state.url(), Json.bytes(state)));
    }
    for (String url : gone) {
      records.add(new ProducerRecord<>(topics.feedState(), url, null));
    }
    try {
      if (producer == null) {
        producer =
            new KafkaProducer<>(IngestKafka.producer(bootstrapServers, transactionalId, maxBlock));
        producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
        producer.initTransactions();
      }
      producer.beginTransaction();
      for (ProducerRecord<String, byte[]> record : records) {
        producer.send(record);
      }
      // Flushes, and throws the error of any send that failed: then nothing of it is committed.
      commit();
    } catch (TimeoutException e) {
      if (!commitPending) {
        reset();
      }
      throw e;
    } catch (RuntimeException e) {
      reset();
      throw e;
    }
  }

  private void commit() {
    try {
      producer.commitTransaction();
    } catch (TimeoutException e) {
      // The documented way out of a commit timeout is to call commitTransaction again.
      commitPending = true;
      throw e;
    }
  }

  private void retryCommit() {
    try {
      producer.commitTransaction();
      commitPending = false;
    } catch (TimeoutException e) {
      throw e; // still pending; the caller retries
    } catch (KafkaException e) {
      // Not committed after all: drop the producer (its transaction is aborted) and send again next
      // time.
      commitPending = false;
      reset();
      throw e;
    }
  }

  private void reset() {
    if (producer != null) {
      unbindMetrics();
      try {
        producer.close(Duration.ZERO);
      } catch (KafkaException e) {
        // closing a broken producer may fail too; it is dropped either way
      }
      producer = null;
    }
  }

  private void unbindMetrics() {
    if (producerMetrics != null) {
      producerMetrics.close();
      producerMetrics = null;
    }
  }

  /** Closes the producer, waiting at most {@code timeout} for in-flight requests. Idempotent. */
  public void close(Duration timeout) {
    if (producer != null) {
      unbindMetrics();
      producer.close(timeout);
      producer = null;
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
