package thesiswatch.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.function.BooleanSupplier;
import thesiswatch.common.FeedState;
import thesiswatch.ingest.kafka.PublishLoop;

/** The ingest service's meters; every label has a small, fixed set of values (never a feed URL). */
public final class IngestMetrics implements PublishLoop.Meters {

  private final MeterRegistry registry;
  private final Counter published;
  private final Counter publishFailures;

  /**
   * Meters in {@code registry}; the feeds-by-status gauges read {@code states} (feed URL → state).
   */
  public IngestMetrics(MeterRegistry registry, Map<String, FeedState> states) {
    this(registry, states, () -> false);
  }

  /** Meters as above, with the stall gauge reading {@code stalled}. */
  public IngestMetrics(
      MeterRegistry registry, Map<String, FeedState> states, BooleanSupplier stalled) {
    this.registry = registry;
    this.published =
        Counter.builder("thesiswatch.ingest.articles.published")
            .description("Article records committed to Kafka (new stories and updates)")
            .register(registry);
    this.publishFailures =
        Counter.builder("thesiswatch.ingest.publish.failures")
            .description("Failed Kafka transactions (retried)")
            .register(registry);
    Gauge.builder("thesiswatch.ingest.stalled", () -> stalled.getAsBoolean() ? 1 : 0)
        .description("1 when polls have waited for a commit for INGEST_STALL_AFTER")
        .register(registry);
    for (String status : FeedState.STATUSES) {
      Gauge.builder(
              "thesiswatch.ingest.feeds",
              states,
              s -> s.values().stream().filter(f -> f.status().equals(status)).count())
          .description("Feeds by status")
          .tag("status", status)
          .register(registry);
    }
  }

  /**
   * One poll ended: {@code ok}, {@code not_modified} or {@code failed}, with the fault kind or
   * {@code none}.
   */
  void poll(String outcome, String kind) {
    Counter.builder("thesiswatch.ingest.polls")
        .description("Feed polls by outcome and classified error kind")
        .tags("outcome", outcome, "kind", kind)
        .register(registry)
        .increment();
  }

  /**
   * {@code count} entries not published again, {@code scope} {@code feed} or {@code cross_feed}.
   */
  void duplicates(String scope, int count) {
    if (count > 0) {
      Counter.builder("thesiswatch.ingest.duplicates.dropped")
          .description(
              "Entries not published again: repeated within a feed, or a copy from another feed")
          .tag("scope", scope)
          .register(registry)
          .increment(count);
    }
  }

  @Override
  public void published(int count) {
    published.increment(count);
  }

  @Override
  public void publishFailure() {
    publishFailures.increment();
  }
}
