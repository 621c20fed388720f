package thesiswatch.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;

/**
 * Tagged-article fixtures shared by the dashboard's and the command line's tests: {@code
 * tagged-small.jsonl} (a few dozen articles of every theme and stance) and {@code
 * tagged-spike.jsonl} (weeks of articles with a layoffs spike), one JSON object per line.
 */
public final class TestArticles {

  private TestArticles() {}

  /** The tagged articles of fixture file {@code name}. */
  public static List<TaggedArticle> tagged(String name) {
    return lines(name).stream().map(line -> Json.read(line, TaggedArticle.class)).toList();
  }

  /** The non-blank lines of fixture file {@code name}. */
  public static List<String> lines(String name) {
    try (InputStream in =
        TestArticles.class.getResourceAsStream("/thesiswatch/testkit/articles/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Publishes {@code articles} to {@code topic}, keyed by id, and waits until the broker has them.
   */
  public static void produce(String bootstrapServers, String topic, List<TaggedArticle> articles) {
    try (KafkaProducer<String, byte[]> producer = KafkaTestClients.producer(bootstrapServers)) {
      for (TaggedArticle article : articles) {
        producer.send(new ProducerRecord<>(topic, article.id(), Json.bytes(article)));
      }
      producer.flush();
    }
  }
}
