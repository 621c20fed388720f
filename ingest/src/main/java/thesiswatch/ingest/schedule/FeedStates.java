package thesiswatch.ingest.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import thesiswatch.common.FeedState;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/**
 * How a feed's state moves after a poll, and when it is polled next: the interval after a success,
 * exponential backoff (capped, never given up) after a failure, at least the server's {@code
 * Retry-After}, and no more polls after HTTP 410.
 */
public final class FeedStates {

  /** Longest wait a {@code Retry-After} can impose; beyond it the header is not believed. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

  private final Duration backoffBase;
  private final Duration backoffMax;
  private final int seenIdsPerFeed;

  /** The rules for a service with these settings. */
  public FeedStates(Duration backoffBase, Duration backoffMax, int seenIdsPerFeed) {
    this.backoffBase = backoffBase;
    this.backoffMax = backoffMax;
    this.seenIdsPerFeed = seenIdsPerFeed;
  }

  /** A feed not fetched yet, due at {@code nextPoll} (null when disabled in the feed list). */
  public static FeedState pending(String url, String title, Instant nextPoll) {
    return new FeedState(
        url,
        title,
        nextPoll == null ? FeedState.DISABLED : FeedState.PENDING,
        null,
        null,
        0,
        null,
        null,
        null,
        null,
        nextPoll,
        0,
        List.of());
  }

  /**
   * {@code interval} stretched by a fixed per-feed factor in [0.9, 1.1), so feeds with the same
   * interval drift apart instead of polling in lockstep; fixed per URL, so it is reproducible.
   */
  public static Duration jittered(Duration interval, String url) {
    double factor = 0.9 + 0.2 * Math.floorMod(url.hashCode(), 1000) / 1000.0;
    return Duration.ofMillis(Math.max(1, Math.round(interval.toMillis() * factor)));
  }

  /** After a fetch that returned a feed: {@code ids} (this poll's) join the bounded seen window. */
  public FeedState afterSuccess(
      FeedState s,
      String title,
      String etag,
      String lastModified,
      Instant now,
      Duration interval,
      List<String> newIds) {
    LinkedHashSet<String> seen = new LinkedHashSet<>(s.seenIds());
    long fresh = newIds.stream().filter(id -> !seen.contains(id)).count();
    seen.removeAll(newIds); // re-seen ids move to the newest end
    seen.addAll(newIds);
    List<String> bounded = new ArrayList<>(seen);
    if (bounded.size() > seenIdsPerFeed) {
      bounded = bounded.subList(bounded.size() - seenIdsPerFeed, bounded.size());
    }
    return new FeedState(
        s.url(),
        title == null ? s.title() : title,
        FeedState.OK,
        etag,
        lastModified,
        0,
        now,
        now,
        null,
        null,
        now.plus(interval),
        s.itemsSeen() + fresh,
        bounded);
  }

  /** After HTTP 304: nothing new, validators kept. */
  public FeedState afterNotModified(
      FeedState s, String etag, String lastModified, Instant now, Duration interval) {
    return new FeedState(
        s.url(),
        s.title(),
        FeedState.OK,
        etag,
        lastModified,
        0,
        now,
        now,
        null,
        null,
        now.plus(interval),
        s.itemsSeen(),
        s.seenIds());
  }

  /**
   * After a failure: backoff, or disabled for HTTP 410. The seen window and validators are kept.
   */
  public FeedState afterFailure(FeedState s, FeedFault fault, Instant now) {
    int errors = s.consecutiveErrors() + 1;
    if (fault.kind() == FaultKind.HTTP_410) {
      return new FeedState(
          s.url(),
          s.title(),
          FeedState.DISABLED,
          s.etag(),
          s.lastModified(),
          errors,
          now,
          s.lastSuccess(),
          fault.kind().key(),
          fault.getMessage(),
          null,
          s.itemsSeen(),
          s.seenIds());
    }
    Duration wait = backoff(errors);
    if (fault.retryAfter() != null) {
      Duration asked =
          fault.retryAfter().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : fault.retryAfter();
      wait = asked.compareTo(wait) > 0 ? asked : wait;
    }
    return new FeedState(
        s.url(),
        s.title(),
        FeedState.FAILING,
        s.etag(),
        s.lastModified(),
        errors,
        now,
        s.lastSuccess(),
        fault.kind().key(),
        fault.getMessage(),
        now.plus(wait),
        s.itemsSeen(),
        s.seenIds());
  }

  /** The wait after {@code errors} consecutive failures: base doubled per failure, capped. */
  public Duration backoff(int errors) {
    int doublings = Math.min(Math.max(errors - 1, 0), 30);
    Duration wait = backoffBase.multipliedBy(1L << doublings);
    return wait.compareTo(backoffMax) > 0 || wait.isNegative() ? backoffMax : wait;
  }
}
