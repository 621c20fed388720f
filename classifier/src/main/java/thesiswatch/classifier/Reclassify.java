package thesiswatch.classifier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.classifier.kafka.BatchTagger;
import thesiswatch.classifier.kafka.KafkaClients;
import thesiswatch.classifier.match.ThemeMatcher;
import thesiswatch.classifier.themes.ThemeSet;

/**
 * {@code ./thesiswatch reclassify}: replays {@code articles} from the beginning through the
 * current themes file into {@code articles.tagged}. The dashboard keeps the newest version per
 * article id, so counts follow the new definitions without duplicates.
 *
 * <p>The replay reads without a consumer group (the service's offsets stay where they are), up
 * to the end offsets seen at its start, and publishes in transactions of one poll each; a crash
 * leaves whole batches, and running it again republishes everything once more. Unreadable records
 * are skipped: the service already sent them to the dead-letter topic.
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
    long republished = 0;
    try (ThemeMatcher matcher = ThemeMatcher.of(ThemeSet.load(config.themesFile()));
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.replayConsumer(config));
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(KafkaClients.producer(config, config.transactionalId() + "-reclassify"))) {
      producer.initTransactions();
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(config.topics().articles(), Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      while (!reached(consumer, end)) {
        ConsumerRecords<String, byte[]> records = consumer.poll(config.pollTimeout());
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
          if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
            batch.add(record);
          }
        }
        if (batch.isEmpty()) {
          continue;
        }
        BatchTagger.Output output = tagger.tag(batch, matcher, Instant.now());
        producer.beginTransaction();
        for (ProducerRecord<String, byte[]> record :
            new BatchTagger.Output(output.tagged(), List.of()).records(config.topics())) {
          producer.send(record);
        }
        producer.commitTransaction();
        republished += output.tagged().size();
      }
      log.info("reclassified {} articles with themes version {}", republished, matcher.version());
    }
    return republished;
  }

  private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
      if (consumer.position(entry.getKey()) < entry.getValue()) {
        return false;
      }
    }
    return true;
  }
}
