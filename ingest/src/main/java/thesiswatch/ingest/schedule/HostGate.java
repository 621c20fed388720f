package thesiswatch.ingest.schedule;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import thesiswatch.common.Links;

/**
 * Politeness per host: at most N fetches in flight to one host, and none before a time the host
 * asked for ({@code Retry-After} on 429/503 applies to the whole host). Thread-safe.
 */
public final class HostGate {

  private final int perHost;
  private final Map<String, Integer> inFlight = new HashMap<>();
  private final Map<String, Instant> notBefore = new HashMap<>();

  /** A gate allowing {@code perHost} concurrent fetches per host. */
  public HostGate(int perHost) {
    this.perHost = perHost;
  }

  /** The politeness key of a feed URL: its lower-cased host ({@code file:} feeds share one key). */
  public static String hostOf(String url) {
    String host = Links.host(url);
    return host == null ? "" : host;
  }

  /** Takes a slot for {@code host} if one is free and the host is not resting; true when taken. */
  public synchronized boolean tryAcquire(String host, Instant now) {
    Instant rest = notBefore.get(host);
    if (rest != null && now.isBefore(rest)) {
      return false;
    }
    int current = inFlight.getOrDefault(host, 0);
    if (current >= perHost) {
      return false;
    }
    inFlight.put(host, current + 1);
    return true;
  }

  /** Gives back a slot taken by {@link #tryAcquire}. */
  public synchronized void release(String host) {
    inFlight.computeIfPresent(host, (h, n) -> n <= 1 ? null : n - 1);
  }

  /** No fetch to {@code host} before {@code until}. */
  public synchronized void restUntil(String host, Instant until) {
    notBefore.merge(host, until, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** When {@code host} may be fetched again, or null when it is not resting. */
  public synchronized Instant restingUntil(String host) {
    return notBefore.get(host);
  }
}
