package thesiswatch.dashboard.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Tells whether the reader is stalled: records wait for it (lag) but it has made no progress for
 * {@code after}, or its loop has not come round for that long (stuck in a call). A reader that is
 * caught up is never stalled, however long nothing arrives. Time is read from the injected clock.
 *
 * <p>Thread-safe: the reader reports, any thread asks.
 */
public final class StallWatch {

  private final Clock clock;
  private final Duration after;
  private long lag;
  private long progress = -1;
  private Instant lastProgress;
  private Instant lastLoop;

  /** A watch that calls the reader stalled after {@code after} without progress. */
  public StallWatch(Clock clock, Duration after) {
    this.clock = clock;
    this.after = after;
    this.lastProgress = clock.instant();
    this.lastLoop = lastProgress;
  }

  /**
   * Reports one turn of the reader's loop: {@code lag} records wait (as far as it knows) and its
   * work so far amounts to {@code progress}, a number that grows with every record made durable.
   */
  public synchronized void turn(long lag, long progress) {
    Instant now = clock.instant();
    lastLoop = now;
    if (progress != this.progress || lag == 0) {
      lastProgress = now;
    }
    this.lag = lag;
    this.progress = progress;
  }

  /** Reports that the reader's loop came round without new figures (e.g. a poll failed). */
  public synchronized void turn() {
    lastLoop = clock.instant();
  }

  /** Whether the reader is stalled now. */
  public synchronized boolean stalled() {
    Instant limit = clock.instant().minus(after);
    return lastLoop.isBefore(limit) || (lag > 0 && lastProgress.isBefore(limit));
  }

  /** The records waiting, as last reported. */
  public synchronized long lag() {
    return lag;
  }
}
