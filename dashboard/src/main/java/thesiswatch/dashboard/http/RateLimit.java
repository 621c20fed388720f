package thesiswatch.dashboard.http;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code perMinute} searches per client address and calendar minute (a fixed window):
 * enough for the page and the CLI, not for one client to flood the index with queries.
 */
final class RateLimit {

  /** Addresses tracked before the table is cleared at the next minute (bounds memory). */
  static final int MAX_CLIENTS = 10_000;

  private final int perMinute;
  private final Clock clock;
  private final Map<String, long[]> windows = new ConcurrentHashMap<>();

  /** A limit of {@code perMinute} requests; 0 means unlimited. */
  RateLimit(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** Counts one request from {@code client}; false when it is over the limit. */
  boolean allow(String client) {
    if (perMinute == 0) {
      return true;
    }
    long minute = clock.millis() / 60_000;
    if (windows.size() > MAX_CLIENTS) {
      windows.clear();
    }
    long[] window =
        windows.compute(
            client,
            (key, old) ->
                old == null || old[0] != minute
                    ? new long[] {minute, 1}
                    : new long[] {minute, old[1] + 1});
    return window[1] <= perMinute;
  }
}
