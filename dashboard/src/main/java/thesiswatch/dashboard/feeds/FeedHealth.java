package thesiswatch.dashboard.feeds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import thesiswatch.common.FeedState;
import thesiswatch.dashboard.index.Trends;

/**
 * The latest state of every feed, as ingest publishes it on {@code feed-state}, and the outages
 * seen while reading it: a feed is out from its last success until it succeeds again. Trend buckets
 * overlapping an outage are marked incomplete, so that a dead feed does not look like a falling
 * theme.
 *
 * <p>Thread-safe. Outages are kept in memory: after a restart the compacted topic holds each feed's
 * latest state only, so a feed still failing is seen again but a finished outage is not.
 */
public final class FeedHealth implements Trends.Coverage {

  /** Finished outages remembered (oldest dropped first). */
  public static final int MAX_OUTAGES = 1000;

  /** A period during which a feed was failing; {@code end} null while it still fails. */
  public record Outage(String url, Instant start, Instant end) {}

  /**
   * Status of a feed whose state says it was due more than {@link #STALE_AFTER} ago and that has
   * not been polled since: ingest is not running, or the feed left the feed list while it ran (at
   * its next start ingest tombstones such a feed's state, and the feed disappears from the list).
   */
  public static final String STALE = "stale";

  /** How long past its next poll a feed may go unpolled before it is shown {@link #STALE}. */
  public static final Duration STALE_AFTER = Duration.ofHours(1);

  /** Order of statuses in the report: what needs attention first. */
  private static final List<String> ORDER =
      List.of(FeedState.FAILING, STALE, FeedState.PENDING, FeedState.OK, FeedState.DISABLED);

  /**
   * One feed as the API shows it: what a reader needs, not ingest's internals (validators and the
   * window of article ids already published stay out).
   *
   * @param url the feed URL
   * @param title its title, or null before the first success
   * @param status {@code failing}, {@code stale}, {@code pending}, {@code ok} or {@code disabled}
   * @param consecutiveErrors failures since the last success
   * @param lastAttempt when it was last fetched, or null
   * @param lastSuccess when it was last fetched and parsed, or null
   * @param lastErrorKind the classified kind of the last error, or null
   * @param lastErrorMessage the last error's message, or null
   * @param nextPoll when ingest means to fetch it next (for a failing feed: the next retry), or
   *     null when disabled
   * @param itemsSeen entries seen in total
   * @param note why the status is {@code stale}, else null
   */
  public record Feed(
      String url,
      String title,
      String status,
      int consecutiveErrors,
      Instant lastAttempt,
      Instant lastSuccess,
      String lastErrorKind,
      String lastErrorMessage,
      Instant nextPoll,
      long itemsSeen,
      String note) {}

  /**
   * Feed health at a glance.
   *
   * @param summary feeds per status, every status named (zeros included), and {@code total}
   * @param nextRetry the earliest next poll of a failing feed, or null when none fails
   * @param feeds failing first, then stale, pending, ok and disabled; by URL within a status
   * @param outages finished and open outages, oldest first
   */
  public record Report(
      Map<String, Integer> summary, Instant nextRetry, List<Feed> feeds, List<Outage> outages) {}

  private final Clock clock;
  private final Map<String, FeedState> feeds = new HashMap<>();
  private final Map<String, Instant> openOutages = new HashMap<>();
  private final Deque<Outage> finished = new ArrayDeque<>();

  /** Counts changes to the outages, for caches of what {@link #incomplete} answered. */
  private long version;

  /** Feed health judged against {@code clock} for outages still open. */
  public FeedHealth(Clock clock) {
    this.clock = clock;
  }

  /** Records the newest state of one feed. */
  public synchronized void update(FeedState state) {
    version++;
    feeds.put(state.url(), state);
    if (FeedState.FAILING.equals(state.status())) {
      Instant since =
          state.lastSuccess() != null
              ? state.lastSuccess()
              : state.lastAttempt() != null ? state.lastAttempt() : clock.instant();
      openOutages.putIfAbsent(state.url(), since);
    } else {
      Instant start = openOutages.remove(state.url());
      if (start != null) {
        Instant end = state.lastSuccess() != null ? state.lastSuccess() : clock.instant();
        finished.addLast(new Outage(state.url(), start, end));
        if (finished.size() > MAX_OUTAGES) {
          finished.removeFirst();
        }
      }
    }
  }

  /** Forgets a feed (its compacted record was deleted). */
  public synchronized void remove(String url) {
    version++;
    feeds.remove(url);
    openOutages.remove(url);
  }

  /** Every feed as the API shows it, with the summary, at the clock's now. */
  public synchronized Report report() {
    Instant now = clock.instant();
    List<Feed> list = new ArrayList<>();
    for (FeedState state : feeds.values()) {
      list.add(view(state, now));
    }
    list.sort(Comparator.comparingInt((Feed feed) -> rank(feed.status())).thenComparing(Feed::url));
    Map<String, Integer> summary = new LinkedHashMap<>();
    summary.put("total", list.size());
    ORDER.forEach(status -> summary.put(status, 0));
    Instant nextRetry = null;
    for (Feed feed : list) {
      summary.merge(feed.status(), 1, Integer::sum);
      if (FeedState.FAILING.equals(feed.status())
          && feed.nextPoll() != null
          && (nextRetry == null || feed.nextPoll().isBefore(nextRetry))) {
        nextRetry = feed.nextPoll();
      }
    }
    return new Report(summary, nextRetry, list, outages());
  }

  private static int rank(String status) {
    int at = ORDER.indexOf(status);
    return at < 0 ? ORDER.size() : at;
  }

  private static Feed view(FeedState state, Instant now) {
    String status = state.status();
    String note = null;
    if (!FeedState.DISABLED.equals(status)
        && state.nextPoll() != null
        && state.nextPoll().plus(STALE_AFTER).isBefore(now)
        && (state.lastAttempt() == null || state.lastAttempt().isBefore(state.nextPoll()))) {
      status = STALE;
      note =
          "not polled since it was due at "
              + state.nextPoll()
              + " (last state: "
              + state.status()
              + "): it is no longer in the feed list, or ingest is not running";
    }
    return new Feed(
        state.url(),
        state.title(),
        status,
        state.consecutiveErrors(),
        state.lastAttempt(),
        state.lastSuccess(),
        state.lastErrorKind(),
        state.lastErrorMessage(),
        state.nextPoll(),
        state.itemsSeen(),
        note);
  }

  /** Outages finished and still open, oldest first. */
  public synchronized List<Outage> outages() {
    List<Outage> list = new ArrayList<>(finished);
    openOutages.forEach((url, start) -> list.add(new Outage(url, start, null)));
    list.sort(Comparator.comparing(Outage::start));
    return list;
  }

  @Override
  public synchronized long version() {
    return version;
  }

  @Override
  public synchronized boolean incomplete(Instant start, Instant end) {
    for (Instant since : openOutages.values()) {
      if (since.isBefore(end)) {
        return true;
      }
    }
    for (Outage outage : finished) {
      if (outage.start().isBefore(end) && outage.end().isAfter(start)) {
        return true;
      }
    }
    return false;
  }
}
