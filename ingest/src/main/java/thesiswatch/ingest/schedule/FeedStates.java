package thesiswatch.ingest.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import thesiswatch.common.FeedState;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;
import thesiswatch.ingest.limits.RecordLimits;

/**
 * How a feed's state moves after a poll, and when it is polled next: the interval after a success,
 * exponential backoff (capped, never given up) after a failure, at least the server's {@code
 * Retry-After}, and no more polls after HTTP 410.
 */
public final class FeedStates {

  /** Longest wait a {@code Retry-After} can impose; beyond it the header is not believed. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

  /**
   * No feed is due further ahead than this, whatever a stored state or a setting says: a stored
   * {@code nextPoll} in the year 999999999 is due in 30 days, not never (nor an overflow).
   */
  public static final Duration MAX_DELAY = Duration.ofDays(30);

  /** Stored times before this are not believed (no feed state is older than the project). */
  static final Instant OLDEST_BELIEVED = Instant.parse("1990-01-01T00:00:00Z");

  /** Stored times further ahead of now than this are not believed (clock skew allowed). */
  static final Duration FUTURE_BELIEVED = Duration.ofDays(1);

  /** Longest error kind kept (kinds are short keys such as {@code too_large}). */
  static final int MAX_ERROR_KIND_CHARS = 64;

  /** Most consecutive errors a stored state may claim (the backoff stops growing long before). */
  static final int MAX_STORED_ERRORS = 1_000_000;

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
        RecordLimits.validator(etag),
        RecordLimits.validator(lastModified),
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
        RecordLimits.validator(etag),
        RecordLimits.validator(lastModified),
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
          message(fault),
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
        message(fault),
        now.plus(wait),
        s.itemsSeen(),
        s.seenIds());
  }

  private static String message(FeedFault fault) {
    return RecordLimits.cap(fault.getMessage(), RecordLimits.MAX_ERROR_MESSAGE_CHARS);
  }

  /**
   * {@code stored}, the state the {@code feed-state} topic holds for the feed at {@code url}, made
   * safe to resume from at {@code now}: whatever another writer, an old version or a corrupted
   * record left there, every value is within the bounds this code writes. Times outside [1990, now
   * + 1 day] are dropped, except that a next poll further ahead is clamped to {@link #MAX_DELAY}
   * (late, never lost); a missing next poll is now (unless disabled); an unknown status is {@code
   * pending}; texts and the seen ids are capped. Null when the record is not this feed's (its URL
   * differs from its key): the feed then starts afresh.
   */
  public FeedState resumed(String url, FeedState stored, Instant now) {
    if (stored == null || !url.equals(stored.url())) {
      return null;
    }
    String status =
        FeedState.STATUSES.contains(stored.status()) ? stored.status() : FeedState.PENDING;
    Instant latest = now.plus(MAX_DELAY);
    Instant nextPoll = stored.nextPoll();
    if (nextPoll != null && nextPoll.isAfter(latest)) {
      nextPoll = latest;
    } else if (nextPoll != null && nextPoll.isBefore(OLDEST_BELIEVED)) {
      nextPoll = now;
    }
    if (nextPoll == null && !status.equals(FeedState.DISABLED)) {
      nextPoll = now;
    }
    List<String> seen = stored.seenIds();
    if (seen.size() > seenIdsPerFeed) {
      seen = seen.subList(seen.size() - seenIdsPerFeed, seen.size());
    }
    return new FeedState(
        url,
        RecordLimits.cap(stored.title(), RecordLimits.MAX_FEED_TITLE_CHARS),
        status,
        RecordLimits.validator(stored.etag()),
        RecordLimits.validator(stored.lastModified()),
        Math.min(Math.max(stored.consecutiveErrors(), 0), MAX_STORED_ERRORS),
        believed(stored.lastAttempt(), now),
        believed(stored.lastSuccess(), now),
        RecordLimits.cap(stored.lastErrorKind(), MAX_ERROR_KIND_CHARS),
        RecordLimits.cap(stored.lastErrorMessage(), RecordLimits.MAX_ERROR_MESSAGE_CHARS),
        nextPoll,
        Math.max(stored.itemsSeen(), 0),
        seen);
  }

  /** {@code time} when it lies in [1990, now + 1 day], else null. */
  private static Instant believed(Instant time, Instant now) {
    if (time == null || time.isBefore(OLDEST_BELIEVED) || time.isAfter(now.plus(FUTURE_BELIEVED))) {
      return null;
    }
    return time;
  }

  /** The wait after {@code errors} consecutive failures: base doubled per failure, capped. */
  public Duration backoff(int errors) {
    int doublings = Math.min(Math.max(errors - 1, 0), 30);
    Duration wait = backoffBase.multipliedBy(1L << doublings);
    return wait.compareTo(backoffMax) > 0 || wait.isNegative() ? backoffMax : wait;
  }
}
