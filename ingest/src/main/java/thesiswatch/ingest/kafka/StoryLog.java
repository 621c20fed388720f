package thesiswatch.ingest.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.Article;
import thesiswatch.common.Json;
import thesiswatch.common.TopicReader;

/**
 * Replays the recent part of the {@code articles} topic at start, so the cross-feed story window
 * survives a restart: a copy of a story published before the restart is still recognised.
 */
public final class StoryLog {

  private static final Logger LOG = LoggerFactory.getLogger(StoryLog.class);

  private StoryLog() {}

  /**
   * Hands every committed article written since {@code since} to {@code sink}, oldest first within
   * each partition.
   *
   * @return how many articles were replayed (fewer than written when {@code timeout} ran out first)
   * @throws org.apache.kafka.common.KafkaException when the broker cannot be reached within {@code
   *     timeout}
   */
  public static int replay(
      String bootstrapServers,
      String topic,
      Instant since,
      Duration timeout,
      Consumer<Article> sink) {
    int[] count = {0};
    TopicReader.Progress progress =
        TopicReader.read(
            TopicReader.settings(bootstrapServers),
            topic,
            since,
            timeout,
            batch -> {
              for (ConsumerRecord<String, byte[]> record : batch) {
                if (record.value() == null) {
                  continue;
                }
                try {
                  sink.accept(Json.read(record.value(), Article.class));
                  count[0]++;
                } catch (IllegalArgumentException e) {
                  LOG.warn(
                      "story log: skipping unreadable article offset={} partition={}: {}",
                      record.offset(),
                      record.partition(),
                      e.getMessage());
                }
              }
            });
    if (!progress.complete()) {
      // A partial window only weakens cross-feed matching for a while; it must not stop ingest.
      LOG.warn(
          "story log: replay of {} stopped after {} articles at the {} limit",
          topic,
          count[0],
          timeout);
    }
    return count[0];
  }
}
