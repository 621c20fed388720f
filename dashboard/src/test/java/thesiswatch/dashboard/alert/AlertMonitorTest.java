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
}
