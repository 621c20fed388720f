package thesiswatch.dashboard.backfill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import thesiswatch.common.BackfillState;

/**
 * The latest progress of every backfill, as backfills publish it on {@code backfill-state}, and
 * where the dashboard's data comes from: what {@code GET /api/backfill} answers. Thread-safe.
 */
public final class BackfillProgress {

  private final Map<String, BackfillState> states = new ConcurrentHashMap<>();
  private final boolean sampleData;

  /**
   * Progress of a dashboard whose data {@code sampleData}: includes the bundled fictional sample
   * feeds.
   */
  public BackfillProgress(boolean sampleData) {
    this.sampleData = sampleData;
  }

  /** Takes {@code state} as its unit's latest. */
  public void update(BackfillState state) {
    states.put(state.key(), state);
  }

  /** Forgets the unit of {@code key} (a tombstone on the compacted topic). */
  public void remove(String key) {
    states.remove(key);
  }

  /**
   * As JSON-ready maps: {@code sampleData}, {@code running}, per source kind the steps done of
   * total and the articles published, and each unit (without its remembered ids).
   */
  public Map<String, Object> view() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sampleData", sampleData);
    List<Map<String, Object>> units = new ArrayList<>();
    Map<String, long[]> bySource = new TreeMap<>();
    boolean running = false;
    for (BackfillState state : new TreeMap<>(states).values()) {
      running |= BackfillState.RUNNING.equals(state.status());
      long[] totals = bySource.computeIfAbsent(state.source(), k -> new long[3]);
      totals[0] += state.done();
      totals[1] += Math.max(state.total(), 0);
      totals[2] += state.articles();
      Map<String, Object> unit = new LinkedHashMap<>();
      unit.put("source", state.source());
      unit.put("origin", state.origin());
      unit.put("feed", state.feed());
      unit.put("status", state.status());
      unit.put("done", state.done());
      unit.put("total", state.total());
      unit.put("articles", state.articles());
      unit.put("problems", state.problems());
      unit.put("capturesByDay", state.capturesByDay());
      unit.put("updated", state.updated() == null ? null : state.updated().toString());
      units.add(unit);
    }
    Map<String, Object> sources = new LinkedHashMap<>();
    bySource.forEach(
        (source, t) -> sources.put(source, Map.of("done", t[0], "total", t[1], "articles", t[2])));
    out.put("running", running);
    out.put("sources", sources);
    out.put("backfills", units);
    return out;
  }
}
