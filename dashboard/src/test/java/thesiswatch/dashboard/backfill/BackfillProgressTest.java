package thesiswatch.dashboard.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import thesiswatch.common.BackfillState;

class BackfillProgressTest {

  static BackfillState state(String feed, String status, long done, long total, long articles) {
    return new BackfillState(
        BackfillState.keyOf("archive", "https://web.archive.org", feed),
        "archive",
        "https://web.archive.org",
        feed,
        status,
        total,
        done,
        articles,
        Map.of("http_404", 1L),
        List.of(),
        0,
        null,
        Map.of("2025-01-05", 2),
        List.of("id-1", "id-2"),
        Instant.parse("2026-12-01T09:00:00Z"));
  }

  @Test
  void theViewSumsEachSourceAndLeavesOutTheRememberedIds() {
    BackfillProgress progress = new BackfillProgress(true);
    progress.update(state("https://a.example/feed", BackfillState.DONE, 10, 10, 40));
    progress.update(state("https://b.example/feed", BackfillState.RUNNING, 3, 12, 9));
    Map<String, Object> view = progress.view();
    assertThat(view)
        .containsEntry("sampleData", true)
        .containsEntry("running", true)
        .containsEntry(
            "sources", Map.of("archive", Map.of("done", 13L, "total", 22L, "articles", 49L)));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> units = (List<Map<String, Object>>) view.get("backfills");
    assertThat(units).hasSize(2);
    assertThat(units.get(0))
        .containsEntry("feed", "https://a.example/feed")
        .containsEntry("status", "done")
        .containsEntry("capturesByDay", Map.of("2025-01-05", 2))
        .doesNotContainKey("seenIds");

    progress.update(state("https://b.example/feed", BackfillState.DONE, 12, 12, 30));
    assertThat(progress.view()).containsEntry("running", false);
    progress.remove(
        BackfillState.keyOf("archive", "https://web.archive.org", "https://b.example/feed"));
    assertThat((List<?>) progress.view().get("backfills")).hasSize(1);
    assertThat(new BackfillProgress(false).view()).containsEntry("sampleData", false);
  }

  private static BackfillState covered(String feed, Map<String, Integer> capturesByDay) {
    BackfillState planned = state(feed, BackfillState.DONE, 1, 1, 1);
    return new BackfillState(
        planned.key(),
        planned.source(),
        planned.origin(),
        feed,
        planned.status(),
        planned.total(),
        planned.done(),
        planned.articles(),
        Map.of(),
        List.of(
            new BackfillState.Range(
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-31T00:00:00Z"))),
        0,
        null,
        capturesByDay,
        List.of(),
        planned.updated());
  }

  private static Instant at(String day) {
    return Instant.parse(day + "T00:00:00Z");
  }

  /** Issue 14: history with fewer than one capture per feed and day is thin; live days are not. */
  @Test
  void historyWithFewerThanOneCapturePerFeedAndDayIsThin() {
    BackfillProgress progress = new BackfillProgress(false);
    long before = progress.version();
    progress.update(covered("https://a.example/feed", Map.of("2025-01-10", 3, "2025-01-11", 1)));
    progress.update(covered("https://b.example/feed", Map.of("2025-01-10", 1)));
    assertThat(progress.version()).isGreaterThan(before);

    // Two feeds, four captures on the 10th; one on the 11th; none on the 12th.
    assertThat(progress.thin(at("2025-01-10"), at("2025-01-11"))).isFalse();
    assertThat(progress.thin(at("2025-01-11"), at("2025-01-12"))).isTrue();
    assertThat(progress.thin(at("2025-01-12"), at("2025-01-13"))).isTrue();
    // An hour of the 10th is judged by its day.
    assertThat(
            progress.thin(at("2025-01-10").plusSeconds(3600), at("2025-01-10").plusSeconds(7200)))
        .isFalse();
    // Five captures over the 10th to the 12th for two feeds: 5 < 6 feed-days.
    assertThat(progress.thin(at("2025-01-10"), at("2025-01-13"))).isTrue();
    // Outside what the archives covered (live news), never thin; backfills never make an outage.
    assertThat(progress.thin(at("2025-03-01"), at("2025-03-02"))).isFalse();
    assertThat(progress.incomplete(at("2025-01-12"), at("2025-01-13"))).isFalse();
  }
}
