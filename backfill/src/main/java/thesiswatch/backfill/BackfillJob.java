package thesiswatch.backfill;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.KafkaException;
import thesiswatch.backfill.kafka.KafkaSink;
import thesiswatch.backfill.run.Backfill;
import thesiswatch.backfill.run.Listener;
import thesiswatch.backfill.run.Plan;
import thesiswatch.backfill.run.Source;
import thesiswatch.backfill.run.Stopped;
import thesiswatch.backfill.run.Summary;
import thesiswatch.common.BackfillState;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;
import thesiswatch.ingest.IngestConfig;

/**
 * One backfill of one source into Kafka: what {@code thesiswatch backfill} and the demo run. Kafka
 * and the fetch limits, address guard, dedupe window and Kafka blocking time are ingest's settings.
 */
public final class BackfillJob {

  private final Source source;
  private final String bootstrapServers;
  private final Topics topics;
  private final IngestConfig config;
  private final Backfill backfill;
  private short replication = 1;

  /** A job reading {@code source} into the topics of {@code config} on {@code bootstrapServers}. */
  public BackfillJob(Source source, String bootstrapServers, IngestConfig config, Clock clock) {
    this.source = source;
    this.bootstrapServers = bootstrapServers;
    this.topics = config.topics();
    this.config = config;
    this.backfill =
        new Backfill(
            new Backfill.Settings(
                // Every source alike: a polite archive (a capture a second) still commits about
                // once a capture through the time bound, a fast one in large transactions.
                500,
                Duration.ofSeconds(1),
                Backfill.Settings.DEFAULT_SEEN_IDS,
                config.dedupeWindow(),
                config.dedupeMaxStories()),
            clock);
  }

  /**
   * Topics this job creates when missing get {@code replication} replicas (as {@code
   * TOPIC_REPLICATION_FACTOR} says for {@code thesiswatch topics}); one by default.
   */
  public BackfillJob replication(short replication) {
    this.replication = replication;
    return this;
  }

  /**
   * Runs the backfill; the topics are created when missing.
   *
   * @throws KafkaException when Kafka cannot be reached or refuses a commit
   */
  public Summary run(Listener listener) {
    TopicLayout.ensure(bootstrapServers, topics, replication);
    try (KafkaSink sink =
        new KafkaSink(
            bootstrapServers, topics, Backfill.identity(source.keys()), config.kafkaBlock())) {
      return backfill.run(source, sink, listener);
    }
  }

  /**
   * What a run would fetch, given what earlier runs did when Kafka answers (else as if none had
   * run, said on {@code note}); nothing is published.
   */
  public Plan dryRun(boolean readState, Consumer<String> note)
      throws Stopped, InterruptedException {
    Map<String, BackfillState> states = Map.of();
    if (readState) {
      try (KafkaSink sink =
          new KafkaSink(
              bootstrapServers,
              topics,
              "dry-run " + Backfill.identity(source.keys()),
              config.kafkaBlock())) {
        states = sink.load();
      } catch (KafkaException e) {
        note.accept(
            "backfill --dry-run: Kafka at "
                + bootstrapServers
                + " did not answer ("
                + e.getMessage()
                + "); listing as if nothing had been backfilled yet");
      }
    }
    return backfill.dryRun(source, states);
  }

  /** Asks a running {@link #run} to stop after its current step; it commits and returns. */
  public void requestStop() {
    backfill.requestStop();
  }
}
