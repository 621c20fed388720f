package thesiswatch.dashboard.backfill;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import thesiswatch.common.BackfillState;
import thesiswatch.dashboard.index.Trends;

/**
 * The latest progress of every backfill, as backfills publish it on {@code backfill-state}, and
 * where the dashboard's data comes from: what {@code GET /api/backfill} answers. Thread-safe.
 *
 * <p>It also tells how deep the backfilled history is: a trend bucket inside the time an archive
 * backfill covered is {@linkplain #thin thin} when its feeds had fewer than {@value
 * #THIN_CAPTURES_PER_FEED_DAY} capture per feed and day there on average, so a low count may be the
 * archive's gap rather than the news.
 */
public final class BackfillProgress implements Trends.Coverage {

  /** Captures per feed and day under which backfilled history is thin. */
  public static final int THIN_CAPTURES_PER_FEED_DAY = 1;

  private final Map<String, BackfillState> states = new ConcurrentHashMap<>();
  private final AtomicLong version = new AtomicLong();
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
    version.incrementAndGet();
  }

  /** Forgets the unit of {@code key} (a tombstone on the compacted topic). */
  public void remove(String key) {
    states.remove(key);
    version.incrementAndGet();
  }

  /** Backfills never make a bucket incomplete: outages are live feeds' ({@code FeedHealth}). */
  @Override
  public boolean incomplete(Instant start, Instant end) {
    return false;
  }

  @Override
  public long version() {
    return version.get();
  }

  /**
   * Whether the days of {@code [start, end)} that archive backfills covered had fewer than {@value
   * #THIN_CAPTURES_PER_FEED_DAY} capture per feed and day on average; false where no archive
   * backfill reached (live news).
   */
  @Override
  public boolean thin(Instant start, Instant end) {
    long feedDays = 0;
    long captures = 0;
    for (BackfillState state : states.values()) {
      if (state.covered().isEmpty()) {
        continue; // a file's unit, or an archive's not begun: only archives cover capture times
      }
      Instant from = state.covered().get(0).from();
      Instant to = state.covered().get(state.covered().size() - 1).to();
      for (LocalDate day = day(start);
          day.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(end);
          day = day.plusDays(1)) {
        Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        if (dayStart.isBefore(to) && dayStart.plus(1, ChronoUnit.DAYS).isAfter(from)) {
          feedDays++;
          captures += state.capturesByDay().getOrDefault(day.toString(), 0);
        }
      }
    }
    return feedDays > 0 && captures < feedDays * THIN_CAPTURES_PER_FEED_DAY;
  }

  private static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
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
