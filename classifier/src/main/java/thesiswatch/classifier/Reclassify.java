package thesiswatch.classifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.classifier.kafka.BatchTagger;
import thesiswatch.classifier.kafka.KafkaClients;
import thesiswatch.classifier.match.ThemeMatcher;
import thesiswatch.classifier.themes.ThemeSet;
import thesiswatch.common.DaemonThreads;
import thesiswatch.common.Futures;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.TopicReader;

/**
 * {@code ./thesiswatch reclassify}: replays {@code articles} from the beginning through the current
 * themes file into {@code articles.tagged}. The dashboard keeps the newest version per article id,
 * so counts follow the new definitions without duplicates.
 *
 * <p>The replay reads without a consumer group (the service's offsets stay where they are), up to
 * the end offsets seen at its start, in polls of up to {@link KafkaClients#REPLAY_BATCH_SIZE}
 * articles, and publishes each poll in one transaction; a crash leaves whole batches, and running
 * it again republishes everything once more. A poll is tagged on every core (the matcher is
 * thread-safe): unlike the service, which scales by instances in its group, a replay is one process
 * with the whole history before it. Unreadable records are skipped: the service already sent them
 * to the dead-letter topic.
 */
public final class Reclassify {

  private static final Logger log = LoggerFactory.getLogger(Reclassify.class);

  private Reclassify() {}

  /**
   * Replays every committed article; returns how many tagged articles it republished.
   *
   * @throws IllegalArgumentException when the themes file is invalid
   */
  public static long run(ClassifierConfig config) {
    BatchTagger tagger = new BatchTagger(config.topics());
    int workers = Runtime.getRuntime().availableProcessors();
    AtomicLong republished = new AtomicLong();
    ExecutorService pool =
        Executors.newFixedThreadPool(workers, DaemonThreads.numbered("classifier-reclassify"));
    // One thread owns the producer's transactions, so the next poll is tagged while the last one
    // commits; at most one commit is in flight, in poll order.
    ExecutorService publisher =
        Executors.newSingleThreadExecutor(DaemonThreads.named("classifier-replay-commit"));
    try (ThemeMatcher matcher = ThemeMatcher.of(ThemeSet.load(config.themesFile()));
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                KafkaClients.producer(config, config.transactionalId() + "-reclassify"))) {
      producer.initTransactions();
      AtomicReference<CompletableFuture<Void>> committing =
          new AtomicReference<>(CompletableFuture.completedFuture(null));
      TopicReader.read(
          KafkaClients.replayConsumer(config),
          config.topics().articles(),
          null,
          null,
          batch -> {
            List<TaggedArticle> tagged = tag(batch, tagger, matcher, pool, workers);
            Futures.joinUnwrapped(committing.get());
            committing.set(
                CompletableFuture.runAsync(
                    () -> {
                      producer.beginTransaction();
                      for (ProducerRecord<String, byte[]> record :
                          new BatchTagger.Output(tagged, List.of()).records(config.topics())) {
                        producer.send(record);
                      }
                      producer.commitTransaction();
                      republished.addAndGet(tagged.size());
                    },
                    publisher));
          });
      Futures.joinUnwrapped(committing.get());
      log.info(
          "reclassified {} articles with themes version {}", republished.get(), matcher.version());
    } finally {
      pool.shutdownNow();
      publisher.shutdownNow();
    }
    return republished.get();
  }

  /** {@code batch} tagged in {@code parts} contiguous slices at once; results in batch order. */
  private static List<TaggedArticle> tag(
      List<ConsumerRecord<String, byte[]>> batch,
      BatchTagger tagger,
      ThemeMatcher matcher,
      ExecutorService pool,
      int parts) {
    Instant now = Instant.now();
    int slice = (batch.size() + parts - 1) / parts;
    List<CompletableFuture<BatchTagger.Output>> slices = new ArrayList<>();
    for (int from = 0; from < batch.size(); from += slice) {
      List<ConsumerRecord<String, byte[]>> part =
          batch.subList(from, Math.min(batch.size(), from + slice));
      slices.add(CompletableFuture.supplyAsync(() -> tagger.tag(part, matcher, now), pool));
    }
    List<TaggedArticle> tagged = new ArrayList<>(batch.size());
    for (CompletableFuture<BatchTagger.Output> part : slices) {
      tagged.addAll(Futures.joinUnwrapped(part).tagged());
    }
    return tagged;
  }
}
