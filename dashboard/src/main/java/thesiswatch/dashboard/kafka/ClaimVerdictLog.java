package thesiswatch.dashboard.kafka;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.Hashes;
import thesiswatch.common.Json;
import thesiswatch.common.TopicReader;
import thesiswatch.dashboard.score.ClaimRule;
import thesiswatch.dashboard.score.TrackRecord;

/**
 * The scorecard's track record on the append-only topic {@code claim-verdicts}, keyed by claim and
 * period ({@code layoffs:month:2025-03}). A closed period is recorded once; when it is computed
 * again with another result — the theme set or the pre-registered test changed, or articles arrived
 * late (a backfill) — a new record beside the old says why, so nothing is rewritten silently. A
 * second dashboard, or a rebuilt one, reads what is on the topic first and adds nothing that is
 * already there.
 */
public final class ClaimVerdictLog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClaimVerdictLog.class);

  /**
   * One record on the topic.
   *
   * @param key claim and period
   * @param granularity {@code month} (evaluation window) or {@code week} (rolling window)
   * @param asOf the last day counted
   * @param tests the signals with their estimates and intervals
   * @param themeSetVersion the themes file the verdict was computed under
   * @param method a hash of the claim's pre-registered test
   * @param recordedAt when this record was written
   * @param reason why this record exists: the first verdict of its period, or what changed
   * @param previous the verdict it follows, or null for the first
   */
  public record Verdict(
      String key,
      String theme,
      String granularity,
      String period,
      LocalDate asOf,
      String verdict,
      Map<String, String> why,
      List<ClaimRule.Result> tests,
      long supporting,
      long challenging,
      long neutral,
      long articles,
      long allArticles,
      String themeSetVersion,
      String method,
      Instant recordedAt,
      String reason,
      String previous) {

    /** Whether {@code other} says the same about the same period, by the same test. */
    boolean sameResult(Verdict other) {
      return verdict.equals(other.verdict)
          && supporting == other.supporting
          && challenging == other.challenging
          && neutral == other.neutral
          && articles == other.articles
          && allArticles == other.allArticles
          && method.equals(other.method);
    }
  }

  private final KafkaProducer<String, byte[]> producer;
  private final String bootstrapServers;
  private final String topic;
  private final Clock clock;
  private final Map<String, Verdict> latest = new HashMap<>();
  private boolean loaded;

  /** A log on {@code topic} at {@code bootstrapServers}. */
  public ClaimVerdictLog(String bootstrapServers, String topic, Clock clock) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.clock = clock;
    this.producer =
        new KafkaProducer<>(
            DashboardProducers.properties(bootstrapServers, "thesiswatch-dashboard-verdicts"));
  }

  /**
   * Appends a record for every closed period of {@code entries} whose result differs from the
   * latest record of its key (or that has none); returns how many were appended. The topic is read
   * to its end first, once.
   *
   * @param methods a hash of each theme's pre-registered test, by theme id
   * @throws org.apache.kafka.common.KafkaException when the broker cannot be reached
   */
  public synchronized int append(
      List<TrackRecord.Entry> entries, String themeSetVersion, Map<String, String> methods) {
    if (!loaded) {
      load();
    }
    Instant now = clock.instant();
    Map<String, Future<RecordMetadata>> sent = new HashMap<>();
    Map<String, Verdict> written = new HashMap<>();
    for (TrackRecord.Entry entry : entries) {
      if (!entry.closed()) {
        continue;
      }
      Verdict before = latest.get(entry.key());
      Verdict candidate =
          verdict(entry, themeSetVersion, methods.getOrDefault(entry.theme(), ""), now, before);
      if (before != null && before.sameResult(candidate)) {
        continue;
      }
      sent.put(
          entry.key(),
          producer.send(new ProducerRecord<>(topic, entry.key(), Json.bytes(candidate))));
      written.put(entry.key(), candidate);
    }
    for (Map.Entry<String, Future<RecordMetadata>> send : sent.entrySet()) {
      try {
        send.getValue().get();
        latest.put(send.getKey(), written.get(send.getKey()));
      } catch (ExecutionException e) {
        LOG.warn(
            "claim verdict {} not recorded on {}: {}",
            send.getKey(),
            topic,
            e.getCause().toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!written.isEmpty()) {
      LOG.info("recorded {} claim verdicts on {}", written.size(), topic);
    }
    return written.size();
  }

  /** A hash of a pre-registered test as data, so a changed test is told apart from changed data. */
  public static String methodHash(Object test) {
    return Hashes.sha256Hex(Json.MAPPER.valueToTree(test).toString(), 12);
  }

  private void load() {
    TopicReader.read(
        TopicReader.settings(bootstrapServers),
        topic,
        null,
        TopicReader.LOOKUP_TIMEOUT,
        batch -> {
          for (var record : batch) {
            if (record.key() == null || record.value() == null) {
              continue;
            }
            try {
              latest.put(record.key(), Json.read(record.value(), Verdict.class));
            } catch (IllegalArgumentException e) {
              // Someone else's garbage on the topic costs only that key its memory: it is recorded
              // anew.
              LOG.warn(
                  "claim verdicts: skipping unreadable record {} at offset {}: {}",
                  record.key(),
                  record.offset(),
                  e.getMessage());
            }
          }
        });
    loaded = true;
    LOG.info("claim verdicts: {} periods already recorded on {}", latest.size(), topic);
  }

  private static Verdict verdict(
      TrackRecord.Entry entry, String version, String method, Instant now, Verdict before) {
    var j = entry.judgement();
    String reason;
    if (before == null) {
      reason = "first verdict of the period";
    } else if (!before.method().equals(method)) {
      reason = "the claim's pre-registered test changed (" + before.method() + " → " + method + ")";
    } else if (!before.themeSetVersion().equals(version)) {
      reason = "recomputed under theme set " + version + " (was " + before.themeSetVersion() + ")";
    } else {
      reason = "the evidence changed: articles of the period arrived or were re-tagged since";
    }
    return new Verdict(
        entry.key(),
        entry.theme(),
        entry.granularity(),
        entry.period(),
        entry.asOf(),
        j.verdict(),
        j.why(),
        j.tests(),
        j.supporting(),
        j.challenging(),
        j.neutral(),
        j.articles(),
        j.allArticles(),
        version,
        method,
        now,
        reason,
        before == null ? null : before.verdict());
  }

  @Override
  public void close() {
    producer.close();
  }
}
