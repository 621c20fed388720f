package thesiswatch.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The progress of one backfill unit — one feed of one web archive, or one WARC or export file —
 * published to the compacted {@code backfill-state} topic keyed by {@link #key}, in the same
 * transaction as the articles it accounts for: a killed backfill resumes from it and publishes
 * nothing twice, and the dashboard shows it as backfill progress.
 *
 * @param key the Kafka key: source, origin and feed, see {@link #keyOf}
 * @param source {@code archive}, {@code warc}, {@code jsonl} or {@code csv}
 * @param origin the archive's base URL, or the file (or URL) as given
 * @param feed the feed URL whose captures these are; null for a file
 * @param status {@link #RUNNING}, {@link #DONE} or {@link #STOPPED}
 * @param total captures (or records) the last run found in its window, or -1 when not known yet
 * @param done of those, how many are done (in earlier runs or this one)
 * @param articles articles published from this unit, over all runs
 * @param problems captures or records that could not be used, by classified kind, over all runs
 * @param covered archive: the capture-time ranges whose every listed capture is done, sorted and
 *     disjoint; empty for a file
 * @param position file: how many records (WARC records, lines, rows) are done, in file order
 * @param fingerprint file: size and digest of its start, so a different file at the same path
 *     starts over; null for an archive
 * @param capturesByDay archive: captures done per UTC day ({@code 2025-02-10}), how thick the
 *     history of each day is
 * @param seenIds article ids already published from this unit, newest last, bounded
 * @param updated when this state was written
 */
public record BackfillState(
    String key,
    String source,
    String origin,
    String feed,
    String status,
    long total,
    long done,
    long articles,
    Map<String, Long> problems,
    List<Range> covered,
    long position,
    String fingerprint,
    Map<String, Integer> capturesByDay,
    List<String> seenIds,
    Instant updated) {

  /** Being backfilled, or killed while it was. */
  public static final String RUNNING = "running";

  /** Every capture or record of the last window is done. */
  public static final String DONE = "done";

  /** The run stopped (repeated failures, an interrupt) before it was done; it resumes. */
  public static final String STOPPED = "stopped";

  private static final List<String> STATUSES = List.of(RUNNING, DONE, STOPPED);

  /**
   * A closed range of capture times.
   *
   * @param from the first capture time covered
   * @param to the last capture time covered
   */
  public record Range(Instant from, Instant to) {

    public Range {
      Objects.requireNonNull(from, "range start must not be null");
      Objects.requireNonNull(to, "range end must not be null");
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("range ends before it starts: " + from + " > " + to);
      }
    }

    /** Whether {@code time} is inside this range. */
    public boolean contains(Instant time) {
      return !time.isBefore(from) && !time.isAfter(to);
    }
  }

  /**
   * Checks what this code never writes, so that a record another writer or a corrupted topic left
   * is refused where it is read (the unit then starts afresh, and {@code /api/backfill} does not
   * show it) instead of shown or resumed from as if it were true.
   */
  public BackfillState {
    Article.requireText(key, "backfill state key");
    Article.requireText(source, "backfill source");
    Article.requireText(origin, "backfill origin");
    Article.requireText(status, "backfill status");
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException(
          "backfill status '" + status + "' is none of " + String.join(", ", STATUSES));
    }
    if (!key.equals(keyOf(source, origin, feed))) {
      throw new IllegalArgumentException(
          "backfill state key '"
              + key
              + "' is not its unit's ('"
              + keyOf(source, origin, feed)
              + "')");
    }
    requireCount(total, -1, "total");
    requireCount(done, 0, "done");
    requireCount(articles, 0, "articles");
    requireCount(position, 0, "position");
    problems = problems == null ? Map.of() : Map.copyOf(problems);
    problems.forEach((kind, count) -> requireCount(count, 0, "problems of " + kind));
    covered = covered == null ? List.of() : List.copyOf(covered);
    for (int i = 1; i < covered.size(); i++) {
      if (!covered.get(i).from().isAfter(covered.get(i - 1).to())) {
        throw new IllegalArgumentException("backfill covered ranges overlap or are out of order");
      }
    }
    capturesByDay = capturesByDay == null ? Map.of() : Map.copyOf(capturesByDay);
    capturesByDay.forEach(
        (day, count) -> {
          try {
            LocalDate.parse(day);
          } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("backfill capture day '" + day + "' is not a date");
          }
          requireCount(count, 0, "captures on " + day);
        });
    seenIds = seenIds == null ? List.of() : List.copyOf(seenIds);
  }

  private static void requireCount(long count, long least, String what) {
    if (count < least) {
      throw new IllegalArgumentException("backfill " + what + " is " + count + ", below " + least);
    }
  }

  /**
   * The state a {@code backfill-state} record holds under {@code recordKey}.
   *
   * @throws IllegalArgumentException when the bytes are not a valid state, or are another unit's (a
   *     record under the wrong key would be resumed from, or never removed by its tombstone)
   */
  public static BackfillState read(String recordKey, byte[] value) {
    BackfillState state = Json.read(value, BackfillState.class);
    if (!state.key().equals(recordKey)) {
      throw new IllegalArgumentException(
          "backfill state of '" + state.key() + "' under the key '" + recordKey + "'");
    }
    return state;
  }

  /**
   * This unit as a run finds it at its start, at {@code at}: {@code total} steps in its window, of
   * which {@code done} are done; a file's {@code fingerprint} (null for an archive).
   */
  public BackfillState planned(long total, long done, String fingerprint, Instant at) {
    return new BackfillState(
        key,
        source,
        origin,
        feed,
        RUNNING,
        total,
        done,
        articles,
        problems,
        covered,
        position,
        fingerprint,
        capturesByDay,
        seenIds,
        at);
  }

  /**
   * This unit after one more step at {@code at}: the capture-time ranges now {@code covered}, the
   * file {@code position}, the captures per day.
   */
  public BackfillState stepped(
      List<Range> covered, long position, Map<String, Integer> capturesByDay, Instant at) {
    return new BackfillState(
        key,
        source,
        origin,
        feed,
        RUNNING,
        total,
        done + 1,
        articles,
        problems,
        covered,
        position,
        fingerprint,
        capturesByDay,
        seenIds,
        at);
  }

  /**
   * This unit with what a run accounted for at {@code at}: its {@code status}, articles, problems
   * and the ids it remembers.
   */
  public BackfillState accounted(
      String status, long articles, Map<String, Long> problems, List<String> seenIds, Instant at) {
    return new BackfillState(
        key,
        source,
        origin,
        feed,
        status,
        total,
        done,
        articles,
        problems,
        covered,
        position,
        fingerprint,
        capturesByDay,
        seenIds,
        at);
  }

  /**
   * This unit read from its start again (a different file at the same path), keeping its counts and
   * remembered ids so nothing published before is published again.
   */
  public BackfillState restarted() {
    return new BackfillState(
        key, source, origin, feed, RUNNING, -1, 0, articles, problems, List.of(), 0, null, Map.of(),
        seenIds, updated);
  }

  /** The key of a unit: source, origin and (for an archive) feed, separated by spaces. */
  public static String keyOf(String source, String origin, String feed) {
    return feed == null ? source + " " + origin : source + " " + origin + " " + feed;
  }

  /** A unit never backfilled before. */
  public static BackfillState fresh(String source, String origin, String feed) {
    return new BackfillState(
        keyOf(source, origin, feed),
        source,
        origin,
        feed,
        RUNNING,
        -1,
        0,
        0,
        Map.of(),
        List.of(),
        0,
        null,
        Map.of(),
        List.of(),
        null);
  }
}
