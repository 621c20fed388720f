package thesiswatch.classifier;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.classifier.kafka.BatchTagger;
import thesiswatch.classifier.kafka.KafkaClients;
import thesiswatch.classifier.match.ThemeMatcher;
import thesiswatch.classifier.themes.ThemeSet;
import thesiswatch.common.TopicReader;

/**
 * {@code ./thesiswatch reclassify}: replays {@code articles} from the beginning through the current
 * themes file into {@code articles.tagged}. The dashboard keeps the newest version per article id,
 * so counts follow the new definitions without duplicates.
 *
 * <p>The replay reads without a consumer group (the service's offsets stay where they are), up to
 * the end offsets seen at its start, and publishes in transactions of one poll each; a crash leaves
 * whole batches, and running it again republishes everything once more. Unreadable records are
 * skipped: the service already sent them to the dead-letter topic.
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
    long[] republished = {0};
    try (ThemeMatcher matcher = ThemeMatcher.of(ThemeSet.load(config.themesFile()));
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                KafkaClients.producer(config, config.transactionalId() + "-reclassify"))) {
      producer.initTransactions();
      TopicReader.read(
          KafkaClients.replayConsumer(config),
          config.topics().articles(),
          null,
          null,
          batch -> {
            BatchTagger.Output output = tagger.tag(batch, matcher, Instant.now());
            producer.beginTransaction();
            for (ProducerRecord<String, byte[]> record :
                new BatchTagger.Output(output.tagged(), List.of()).records(config.topics())) {
              producer.send(record);
            }
            producer.commitTransaction();
            republished[0] += output.tagged().size();
          });
      log.info(
          "reclassified {} articles with themes version {}", republished[0], matcher.version());
    }
    return republished[0];
  }
}
