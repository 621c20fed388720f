package thesiswatch.classifier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import thesiswatch.classifier.kafka.BatchTagger;
import thesiswatch.classifier.kafka.DeadLetters;
import thesiswatch.classifier.kafka.TaggingLoop;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;

/**
 * The classifier's meters. Every label is bounded: theme ids come from the themes file (at most
 * {@link thesiswatch.classifier.themes.QueryLimits#MAX_THEMES}), error kinds and reload results
 * from closed sets. Dead-letter counters exist at zero from the start, so dashboards chart them
 * before the first bad record.
 */
final class ClassifierMetrics implements TaggingLoop.Listener {

  private final MeterRegistry registry;
  private final Counter articles;
  private final Counter aborted;
  private final Timer batches;
  private final Map<String, Counter> deadLetters = new HashMap<>();
  private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();

  ClassifierMetrics(MeterRegistry registry, BooleanSupplier themesValid, BooleanSupplier stalled) {
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
    for (String kind : DeadLetters.kinds()) {
      deadLetters.put(
          kind,
          Counter.builder("thesiswatch.classifier.dlq")
              .description("Records sent to the dead-letter topic, by error kind")
              .tag("kind", kind)
              .register(registry));
    }
    Gauge.builder("thesiswatch.classifier.stalled", () -> stalled.getAsBoolean() ? 1 : 0)
        .description(
            "1 when a batch has waited to be read again with no commit for CLASSIFIER_STALL_AFTER")
        .register(registry);
    Gauge.builder("thesiswatch.classifier.themes.valid", () -> themesValid.getAsBoolean() ? 1 : 0)
        .description(
            "1 when the themes file on disk is the valid set in use, 0 when it was refused")
        .register(registry);
  }

  @Override
  public void committed(BatchTagger.Output output, Duration took) {
    batches.record(took);
    articles.increment(output.tagged().size());
    for (TaggedArticle article : output.tagged()) {
      for (ThemeMatch match : article.themes()) {
        Counter.builder("thesiswatch.classifier.tags")
            .description("Theme tags given, by theme")
            .tag("theme", match.id())
            .register(registry)
            .increment();
      }
    }
    for (BatchTagger.DeadLetter letter : output.deadLetters()) {
      deadLetters.get(letter.kind()).increment();
    }
  }

  @Override
  public void aborted(KafkaException cause) {
    aborted.increment();
  }

  @Override
  public synchronized void clientsOpened(Consumer<?, ?> consumer, Producer<?, ?> producer) {
    for (KafkaClientMetrics metrics :
        List.of(new KafkaClientMetrics(consumer), new KafkaClientMetrics(producer))) {
      metrics.bindTo(registry);
      clientMetrics.add(metrics);
    }
  }

  @Override
  public synchronized void clientsClosed() {
    clientMetrics.forEach(KafkaClientMetrics::close);
    clientMetrics.clear();
  }

  /** A themes file change was accepted or refused. */
  void reload(boolean accepted) {
    Counter.builder("thesiswatch.classifier.theme.reloads")
        .description("Changes of the themes file, accepted or refused")
        .tag("result", accepted ? "accepted" : "refused")
        .register(registry)
        .increment();
  }
}
