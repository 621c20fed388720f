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
}
