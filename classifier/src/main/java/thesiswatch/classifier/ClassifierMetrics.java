package thesiswatch.classifier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.KafkaException;
import thesiswatch.classifier.kafka.BatchTagger;
import thesiswatch.classifier.kafka.TaggingLoop;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;

/**
 * The classifier's meters. Every label is bounded: theme ids come from the themes file, error
 * kinds and reload results from closed sets.
 */
final class ClassifierMetrics implements TaggingLoop.Listener {

  private final MeterRegistry registry;
  private final Counter articles;
  private final Counter aborted;
  private final Timer batches;

  ClassifierMetrics(MeterRegistry registry, BooleanSupplier themesValid) {
    this.registry = registry;
    this.articles =
        Counter.builder("thesiswatch.classifier.articles")
            .description("Articles tagged and published to the tagged topic")
            .register(registry);
    this.aborted =
        Counter.builder("thesiswatch.classifier.batches.aborted")
            .description("Batches whose transaction was aborted and that were read again")
            .register(registry);
    this.batches =
        Timer.builder("thesiswatch.classifier.batch")
            .description("Time to tag and commit one polled batch")
            .register(registry);
    Gauge.builder("thesiswatch.classifier.themes.valid", () -> themesValid.getAsBoolean() ? 1 : 0)
        .description("1 when the themes file on disk is the valid set in use, 0 when it was refused")
        .register(registry);
  }

  @Override
  public void committed(BatchTagger.Output output, Duration took) {
    batches.record(took);
    articles.increment(output.tagged().size());
    for (TaggedArticle article : output.tagged()) {
      for (ThemeMatch match : article.themes()) {
        registry.counter("thesiswatch.classifier.tags", "theme", match.id()).increment();
      }
    }
    for (BatchTagger.DeadLetter letter : output.deadLetters()) {
      registry.counter("thesiswatch.classifier.dlq", "kind", letter.error().kind().key()).increment();
    }
  }

  @Override
  public void aborted(KafkaException cause) {
    aborted.increment();
  }

  /** A themes file change was accepted or refused. */
  void reload(boolean accepted) {
    registry.counter("thesiswatch.classifier.theme.reloads", "result", accepted ? "accepted" : "refused")
        .increment();
  }
}
