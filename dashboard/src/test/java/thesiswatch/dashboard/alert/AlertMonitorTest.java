package thesiswatch.dashboard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.TaggedArticle;
import thesiswatch.dashboard.Fixtures;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.dashboard.index.Interval;
import thesiswatch.testkit.TestArticles;

/**
 * Spike detection over the index: a three-day layoffs spike in five weeks of fixture articles
 * alerts once, and neither a replay of the same records nor a restart alerts again.
 */
class AlertMonitorTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-03-05T00:00:00Z"), ZoneOffset.UTC);
  private static final SpikeRule RULE = new SpikeRule(14, 5, 3.0, 0.001, Duration.ofHours(48));

  private final List<Alert> delivered = new ArrayList<>();

  private AlertMonitor monitor(ArticleIndex index) {
    return new AlertMonitor(
        index,
        RULE,
        List.of("layoffs", "vc_funding"),
        List.of(Interval.HOUR, Interval.DAY),
        List.of(delivered::add),
        CLOCK);
  }

  @Test
  void aSpikeAlertsOnceThroughReplayAndRestart(@TempDir Path dir) {
    List<TaggedArticle> articles = TestArticles.tagged("tagged-spike.jsonl");
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      articles.forEach(index::upsert);
      index.refresh();
      AlertMonitor monitor = monitor(index);
      List<Alert> found = monitor.check();
      assertThat(found).extracting(Alert::id).containsExactly("layoffs:day:2025-02-03T00:00:00Z");
      assertThat(found.get(0).count()).isEqualTo(12);
      assertThat(found.get(0).baseline()).isEqualTo(1.929);
      assertThat(delivered).isEmpty(); // nothing leaves before the commit
      index.commit();
      monitor.deliver();
      assertThat(delivered)
          .extracting(Alert::id)
          .containsExactly("layoffs:day:2025-02-03T00:00:00Z");

      // Replay: the same records again (as after a theme change or a rebuilt topic).
      articles.forEach(index::upsert);
      index.refresh();
      assertThat(monitor.check()).isEmpty();
      index.commit();
      monitor.deliver();
      assertThat(delivered).hasSize(1);
    }
    try (ArticleIndex reopened = ArticleIndex.open(dir)) {
      AlertMonitor restarted = monitor(reopened);
      assertThat(restarted.book().recent(10))
          .extracting(Alert::id)
          .containsExactly("layoffs:day:2025-02-03T00:00:00Z");
      articles.forEach(reopened::upsert);
      reopened.refresh();
      assertThat(restarted.check()).isEmpty();
      restarted.deliver();
      assertThat(delivered).hasSize(1);
    }
  }

  /**
   * Issue 14: with live news months after it, a backfill's spike lies far outside the recent
   * window; it is found all the same, as a historical alert (the webhook does not push those).
   */
  @Test
  void aSpikeInBackfilledHistoryIsFoundAndMarkedHistorical(@TempDir Path dir) {
    List<TaggedArticle> articles = new ArrayList<>(TestArticles.tagged("tagged-spike.jsonl"));
    TaggedArticle model = articles.get(0);
    Instant today = Instant.parse("2025-09-01T08:00:00Z");
    articles.add(Fixtures.at(model, "live-today", "Live headline", today, today));
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      articles.forEach(index::upsert);
      index.refresh();
      AlertMonitor monitor =
          new AlertMonitor(
              index,
              RULE,
              List.of("layoffs", "vc_funding"),
              List.of(Interval.HOUR, Interval.DAY),
              List.of(delivered::add),
              Clock.fixed(today, ZoneOffset.UTC));
      List<Alert> found = monitor.check();
      assertThat(found).extracting(Alert::id).containsExactly("layoffs:day:2025-02-03T00:00:00Z");
      assertThat(found.get(0).historical()).isTrue();
    }
  }

  /**
   * Finding 9: what the alerts topic holds is what went out. An index rebuilt from nothing finds
   * the spike again, but the ledger shows it published: the book lists it, nothing is sent.
   */
  @Test
  void aRebuiltIndexFindsItsAlertsOnTheLedgerAndSendsNothing(@TempDir Path dir) {
    List<TaggedArticle> articles = TestArticles.tagged("tagged-spike.jsonl");
    List<Alert> topic = new ArrayList<>();
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("first"))) {
      articles.forEach(index::upsert);
      index.refresh();
      AlertMonitor monitor = ledgered(index, topic);
      monitor.readLedger();
      assertThat(monitor.check()).hasSize(1);
      index.commit();
      monitor.deliver();
      assertThat(delivered).extracting(Alert::id).containsExactly(SPIKE);
      topic.addAll(delivered); // what the Kafka sink wrote
    }
    delivered.clear();
    try (ArticleIndex rebuilt = ArticleIndex.open(dir.resolve("rebuilt"))) {
      AlertMonitor monitor = ledgered(rebuilt, topic);
      monitor.readLedger();
      assertThat(monitor.book().recent(10)).extracting(Alert::id).containsExactly(SPIKE);
      articles.forEach(rebuilt::upsert);
      rebuilt.refresh();
      assertThat(monitor.check()).isEmpty();
      rebuilt.commit();
      monitor.deliver();
    }
    // A second dashboard that did not read the ledger at start still asks before it sends.
    try (ArticleIndex second = ArticleIndex.open(dir.resolve("second"))) {
      AlertMonitor monitor = ledgered(second, topic);
      articles.forEach(second::upsert);
      second.refresh();
      assertThat(monitor.check()).extracting(Alert::id).containsExactly(SPIKE);
      second.commit();
      monitor.deliver();
    }
    assertThat(delivered).isEmpty();
  }

  /**
   * An alert stays pending in the committed state until the ledger's sink confirms it: a crash
   * between the commit and the broker's acknowledgement delivers it again after the restart, unless
   * the ledger shows it by then; a confirmed one is never sent again.
   */
  @Test
  void anUnconfirmedAlertIsDeliveredAgainAfterARestart(@TempDir Path dir) {
    List<TaggedArticle> articles = TestArticles.tagged("tagged-spike.jsonl");
    List<Alert> topic = new ArrayList<>();
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      articles.forEach(index::upsert);
      index.refresh();
      AlertMonitor monitor = ledgered(index, topic);
      monitor.check();
      index.commit();
      monitor.deliver(); // handed to the sinks; the broker never acknowledges (a crash)
    }
    assertThat(delivered).extracting(Alert::id).containsExactly(SPIKE);
    try (ArticleIndex reopened = ArticleIndex.open(dir)) {
      AlertMonitor monitor = ledgered(reopened, topic);
      monitor.readLedger();
      monitor.deliver();
      assertThat(delivered).extracting(Alert::id).containsExactly(SPIKE, SPIKE);
      monitor.confirm(SPIKE);
      monitor.check();
      reopened.commit();
    }
    try (ArticleIndex again = ArticleIndex.open(dir)) {
      AlertMonitor monitor = ledgered(again, topic);
      monitor.readLedger();
      monitor.deliver();
      assertThat(delivered).hasSize(2);
    }
  }

  /** A ledger that cannot be read holds delivery back: sent twice is worse than sent later. */
  @Test
  void noLedgerNoDelivery(@TempDir Path dir) {
    boolean[] reachable = {false};
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      TestArticles.tagged("tagged-spike.jsonl").forEach(index::upsert);
      index.refresh();
      AlertMonitor monitor =
          new AlertMonitor(
              index,
              RULE,
              () -> List.of("layoffs"),
              List.of(Interval.DAY),
              List.of(delivered::add),
              () -> {
                if (!reachable[0]) {
                  throw new IllegalStateException("broker down");
                }
                return List.of();
              },
              true,
              CLOCK);
      monitor.readLedger();
      monitor.check();
      index.commit();
      monitor.deliver();
      assertThat(delivered).isEmpty();
      reachable[0] = true;
      monitor.deliver();
      assertThat(delivered).extracting(Alert::id).containsExactly(SPIKE);
    }
  }

  private static final String SPIKE = "layoffs:day:2025-02-03T00:00:00Z";

  private AlertMonitor ledgered(ArticleIndex index, List<Alert> topic) {
    return new AlertMonitor(
        index,
        RULE,
        () -> List.of("layoffs", "vc_funding"),
        List.of(Interval.HOUR, Interval.DAY),
        List.of(delivered::add),
        () -> List.copyOf(topic),
        true,
        CLOCK);
  }
}
