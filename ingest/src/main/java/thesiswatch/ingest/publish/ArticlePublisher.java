package thesiswatch.ingest.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import thesiswatch.common.Article;
import thesiswatch.common.FeedState;
import thesiswatch.common.Json;
import thesiswatch.common.Topics;

/**
 * Writes a poll's articles (key = article id) and its feed's new state (key = feed URL) in one
 * Kafka transaction, so a crash can never publish articles without remembering them, or remember
 * articles that were not published. Any failure aborts the transaction and drops the producer; the
 * next call starts a fresh one (whose {@code initTransactions} also fences a stuck predecessor).
 * Not thread-safe: one publisher thread owns it.
 */
public final class ArticlePublisher implements AutoCloseable {

  private final String bootstrapServers;
  private final Topics topics;
  private final String transactionalId;
  private KafkaProducer<String, byte[]> producer;

  /** A publisher that connects lazily, on the first {@link #publish}. */
  public ArticlePublisher(String bootstrapServers, Topics topics, String transactionalId) {
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
    this.transactionalId = transactionalId;
  }

  /**
   * Publishes {@code articles} and {@code states} atomically.
   *
   * @throws KafkaException when the transaction did not commit; nothing of it is visible to
   *     read_committed readers, and the caller may retry the same batch
   */
  public void publish(List<Article> articles, List<FeedState> states) {
    try {
      if (producer == null) {
        producer = new KafkaProducer<>(IngestKafka.producer(bootstrapServers, transactionalId));
        producer.initTransactions();
      }
      producer.beginTransaction();
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      for (Article article : articles) {
        sends.add(producer.send(new ProducerRecord<>(topics.articles(), article.id(), Json.bytes(article))));
      }
      for (FeedState state : states) {
        sends.add(producer.send(new ProducerRecord<>(topics.feedState(), state.url(), Json.bytes(state))));
      }
      producer.commitTransaction();
      for (Future<RecordMetadata> send : sends) {
        send.get(); // already complete after commit; surfaces a per-record error, if any
      }
    } catch (KafkaException e) {
      reset();
      throw e;
    } catch (ExecutionException e) {
      reset();
      throw new KafkaException("publish: a record failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      reset();
      Thread.currentThread().interrupt();
      throw new KafkaException("publish: interrupted", e);
    }
  }

  private void reset() {
    if (producer != null) {
      try {
        producer.close(Duration.ZERO);
      } catch (KafkaException e) {
        // closing a broken producer may fail too; it is dropped either way
      }
      producer = null;
    }
  }

  /** Closes the producer, waiting at most {@code timeout} for in-flight requests. Idempotent. */
  public void close(Duration timeout) {
    if (producer != null) {
      producer.close(timeout);
      producer = null;
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
