package thesiswatch.classifier.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * for each readable record, bounded by {@link TaggedLimits}, and a dead letter for each record that
 * cannot be read (null or empty value, not JSON, not an article) or whose tagging throws. A batch
 * whose matching throws is matched again one record at a time, so only the record that causes it is
 * dead-lettered. Shared by the service and the replay.
 */
public final class BatchTagger {

  private static final Logger log = LoggerFactory.getLogger(BatchTagger.class);

  private final Topics topics;

  /** Tags for {@code topics}' tagged and dead-letter topics. */
  public BatchTagger(Topics topics) {
    this.topics = topics;
  }

  /**
   * The output of one batch.
   *
   * @param tagged the tagged articles, in input order
   * @param deadLetters the records that could not be tagged, with their errors
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
   * A record on its way to the dead-letter topic.
   *
   * @param record the dead-letter record
   * @param kind why, a stable key (see {@link DeadLetters})
   */
  public record DeadLetter(ProducerRecord<String, byte[]> record, String kind) {}

  /** What tags headlines: a {@link ThemeMatcher}, or a stand-in in tests. */
  interface Matching {
    /** See {@link ThemeMatcher#classifyAll}. */
    List<Classification> classifyAll(List<Headline> headlines);

    /** See {@link ThemeMatcher#classify}. */
    Classification classify(Headline headline);

    /** See {@link ThemeMatcher#version}. */
    String version();
  }

  /** Reads, tags and wraps {@code records} with {@code matcher}. */
  public Output tag(
      List<ConsumerRecord<String, byte[]>> records, ThemeMatcher matcher, Instant now) {
    return tag(
        records,
        new Matching() {
          @Override
          public List<Classification> classifyAll(List<Headline> headlines) {
            return matcher.classifyAll(headlines);
          }

          @Override
          public Classification classify(Headline headline) {
            return matcher.classify(headline);
          }

          @Override
          public String version() {
            return matcher.version();
          }
        },
        now);
  }

  /** Reads, tags and wraps {@code records} with {@code matcher}. */
  Output tag(List<ConsumerRecord<String, byte[]>> records, Matching matcher, Instant now) {
    List<ConsumerRecord<String, byte[]>> readable = new ArrayList<>();
    List<Article> articles = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.value() == null || record.value().length == 0) {
        deadLetters.add(
            letter(record, new InputError(InputError.Kind.EMPTY, "record has no value")));
        continue;
      }
      try {
        articles.add(TaggedLimits.bounded(Json.read(record.value(), Article.class)));
        readable.add(record);
      } catch (IllegalArgumentException e) {
        deadLetters.add(letter(record, InputError.of(e)));
      }
    }
    List<TaggedArticle> tagged = new ArrayList<>(articles.size());
    List<Classification> results = classifyAll(matcher, articles);
    for (int i = 0; i < articles.size(); i++) {
      Classification result;
      try {
        result = results != null ? results.get(i) : matcher.classify(Headline.of(articles.get(i)));
      } catch (RuntimeException | StackOverflowError e) {
        // Only this record: a bug, or an error deep in a library, on what it holds.
        log.error("tagging article {} failed; dead-lettering it", articles.get(i).id(), e);
        deadLetters.add(
            letter(readable.get(i), DeadLetters.TAGGING_FAILED, "tagging failed: " + e));
        continue;
      }
      tagged.add(
          TaggedArticle.of(
              articles.get(i), TaggedLimits.bounded(result.themes()), matcher.version(), now));
    }
    return new Output(tagged, deadLetters);
  }

  /** The whole batch's classifications, or null when matching it threw. */
  private static List<Classification> classifyAll(Matching matcher, List<Article> articles) {
    try {
      return matcher.classifyAll(articles.stream().map(Headline::of).toList());
    } catch (RuntimeException | StackOverflowError e) {
      log.warn(
          "tagging a batch of {} failed ({}); tagging it one by one",
          articles.size(),
          e.toString());
      return null;
    }
  }

  private DeadLetter letter(ConsumerRecord<String, byte[]> record, InputError error) {
    return letter(record, error.kind().key(), error.message());
  }

  private DeadLetter letter(ConsumerRecord<String, byte[]> record, String kind, String message) {
    return new DeadLetter(
        DeadLetters.of(Topics.dlq(topics.articles()), record, kind, message), kind);
  }
}
