package thesiswatch.classifier.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import thesiswatch.classifier.match.Classification;
import thesiswatch.classifier.match.Headline;
import thesiswatch.classifier.match.InputError;
import thesiswatch.classifier.match.ThemeMatcher;
import thesiswatch.common.Article;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.Topics;

/**
 * Turns one polled batch of {@code articles} records into the records to produce: a tagged article
 * for each readable record, a dead letter for each unreadable one. Shared by the service and the
 * replay.
 */
public final class BatchTagger {

  private final Topics topics;

  /** Tags for {@code topics}' tagged and dead-letter topics. */
  public BatchTagger(Topics topics) {
    this.topics = topics;
  }

  /**
   * The output of one batch.
   *
   * @param tagged the tagged articles, in input order
   * @param deadLetters the unreadable records' dead letters, with their errors
   */
  public record Output(List<TaggedArticle> tagged, List<DeadLetter> deadLetters) {

    /** Every record to send, tagged articles and dead letters. */
    public List<ProducerRecord<String, byte[]>> records(Topics topics) {
      List<ProducerRecord<String, byte[]>> result = new ArrayList<>();
      for (TaggedArticle article : tagged) {
        result.add(new ProducerRecord<>(topics.tagged(), article.id(), Json.bytes(article)));
      }
      for (DeadLetter letter : deadLetters) {
        result.add(letter.record());
      }
      return result;
    }
  }

  /**
   * An unreadable record on its way to the dead-letter topic.
   *
   * @param record the dead-letter record
   * @param error why
   */
  public record DeadLetter(ProducerRecord<String, byte[]> record, InputError error) {}

  /** Reads, tags and wraps {@code records} with {@code matcher}. */
  public Output tag(
      List<ConsumerRecord<String, byte[]>> records, ThemeMatcher matcher, Instant now) {
    List<Article> articles = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();
    String dlq = Topics.dlq(topics.articles());
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.value() == null || record.value().length == 0) {
        InputError error = new InputError(InputError.Kind.EMPTY, "record has no value");
        deadLetters.add(new DeadLetter(DeadLetters.of(dlq, record, error), error));
        continue;
      }
      try {
        articles.add(Json.read(record.value(), Article.class));
      } catch (IllegalArgumentException e) {
        InputError error = InputError.of(e);
        deadLetters.add(new DeadLetter(DeadLetters.of(dlq, record, error), error));
      }
    }
    List<Classification> results =
        matcher.classifyAll(articles.stream().map(Headline::of).toList());
    List<TaggedArticle> tagged = new ArrayList<>(articles.size());
    for (int i = 0; i < articles.size(); i++) {
      tagged.add(
          TaggedArticle.of(articles.get(i), results.get(i).themes(), matcher.version(), now));
    }
    return new Output(tagged, deadLetters);
  }
}
