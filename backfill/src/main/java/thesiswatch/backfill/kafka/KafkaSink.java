package thesiswatch.backfill.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.backfill.run.Sink;
import thesiswatch.common.Article;
import thesiswatch.common.BackfillState;
import thesiswatch.common.FeedState;
import thesiswatch.common.Hashes;
import thesiswatch.common.Json;
import thesiswatch.common.TopicReader;
import thesiswatch.common.Topics;
import thesiswatch.ingest.kafka.IngestKafka;

/**
 * The thin Kafka adapter of a backfill: writes articles (key = article id) to {@code articles} and
 * progress (key = source, origin and feed) to the compacted {@code backfill-state} in one
 * transaction, with ingest's producer settings; reads the progress back at start. The transactional
 * id is derived from the run's units, so a resumed run fences its killed predecessor (whose open
 * transaction the broker then aborts) before it reads where that one got.
 */
public final class KafkaSink implements Sink {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);

  /** Attempts at one commit before the run gives up (a broker restart is ridden out). */
  private static final int COMMIT_ATTEMPTS = 5;

  private final String bootstrapServers;
  private final Topics topics;
  private final String transactionalId;
  private final Duration maxBlock;
  private KafkaProducer<String, byte[]> producer;

  /**
   * A sink on {@code bootstrapServers}; {@code runIdentity} names the run (the same units give the
   * same transactional id).
   */
  public KafkaSink(String bootstrapServers, Topics topics, String runIdentity, Duration maxBlock) {
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
    this.transactionalId = transactionalId(runIdentity);
    this.maxBlock = maxBlock;
  }

  /** The transactional id of a run over the units of {@code runIdentity}. */
  public static String transactionalId(String runIdentity) {
    return "thesiswatch-backfill-" + Hashes.sha256Hex(runIdentity, 16);
  }

  /**
   * Fences any earlier producer of this run, then reads every committed state.
   *
   * @throws KafkaException when the broker cannot be reached
   */
  @Override
  public Map<String, BackfillState> load() {
    producer();
    return TopicReader.latest(
        bootstrapServers,
        topics.backfillState(),
        BackfillState::read,
        null,
        (record, e) ->
            LOG.warn(
                "backfill: ignoring an unreadable state for {} at offset {}: {}",
                record.key(),
                record.offset(),
                e.getMessage()));
  }

  /** The ids each feed's {@code feed-state} record says live ingest published. */
  @Override
  public Map<String, List<String>> publishedLive() {
    Map<String, List<String>> ids = new HashMap<>();
    TopicReader.latest(
            bootstrapServers,
            topics.feedState(),
            FeedState.class,
            null,
            (record, e) ->
                LOG.debug("backfill: skipping an unreadable feed state {}", record.key()))
        .forEach((feed, state) -> ids.put(feed, state.seenIds()));
    return ids;
  }

  @Override
  public void commit(List<Article> articles, Collection<BackfillState> states) {
    KafkaException last = null;
    for (int attempt = 1; attempt <= COMMIT_ATTEMPTS; attempt++) {
      KafkaProducer<String, byte[]> p;
      try {
        p = producer();
        p.beginTransaction();
        for (Article article : articles) {
          p.send(new ProducerRecord<>(topics.articles(), article.id(), Json.bytes(article)));
        }
        for (BackfillState state : states) {
          p.send(new ProducerRecord<>(topics.backfillState(), state.key(), Json.bytes(state)));
        }
      } catch (KafkaException e) {
        // Nothing of this transaction is committed: a fresh producer aborts it and sends again.
        last = e;
        LOG.warn("backfill: send attempt {} failed: {}", attempt, e.toString());
        reset();
        continue;
      }
      if (commitOrRetry(p)) {
        return;
      }
      reset();
    }
    throw new KafkaException(
        "backfill: could not commit to Kafka at "
            + bootstrapServers
            + " after "
            + COMMIT_ATTEMPTS
            + " attempts; progress up to the last commit is kept",
        last);
  }

  /**
   * Commits; a commit that timed out may have happened, so it is only ever committed again (the
   * documented way out), never sent again. False when it surely did not commit.
   */
  private boolean commitOrRetry(KafkaProducer<String, byte[]> p) {
    for (int attempt = 1; ; attempt++) {
      try {
        p.commitTransaction();
        return true;
      } catch (TimeoutException e) {
        LOG.warn("backfill: commit timed out (attempt {}), committing again", attempt);
        if (attempt >= COMMIT_ATTEMPTS) {
          throw new KafkaException(
              "backfill: Kafka at " + bootstrapServers + " did not confirm a commit", e);
        }
      } catch (KafkaException e) {
        LOG.warn("backfill: commit failed, sending the batch again: {}", e.toString());
        return false;
      }
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(IngestKafka.producer(bootstrapServers, transactionalId, maxBlock));
      try {
        producer.initTransactions();
      } catch (KafkaException e) {
        reset();
        throw e;
      }
    }
    return producer;
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

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(10));
      producer = null;
    }
  }
}
