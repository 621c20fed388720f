package thesiswatch.dashboard.feeds;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
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

  /** The latest state of every feed, by URL. */
  public synchronized List<FeedState> feeds() {
    List<FeedState> list = new ArrayList<>(feeds.values());
    list.sort(Comparator.comparing(FeedState::url));
    return list;
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
