package thesiswatch.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether a stage is stalled: it has work it cannot finish (polls held while Kafka refuses them, a
 * batch aborted and read again) and has made no progress for a set time. The stage says when work
 * waits ({@link #waiting()}), when it made progress ({@link #progressed()}) and when it has nothing
 * to do ({@link #idle()}); readiness and a gauge read {@link #stalled()}. Time comes from an
 * injected clock, so tests move it instead of sleeping. Thread-safe.
 */
public final class StallWatch {

  private final Duration after;
  private final Clock clock;

  /** Since when work has waited without progress; null while there is none. */
  private Instant since;

  /** A watch that calls a stage stalled after {@code after} of waiting work without progress. */
  public StallWatch(Duration after, Clock clock) {
    this.after = Objects.requireNonNull(after, "stall time must not be null");
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
  }

  /** Work is waiting: the clock starts, unless it already runs. */
  public synchronized void waiting() {
    if (since == null) {
      since = clock.instant();
    }
  }

  /** Work was done: the clock stops until work waits again. */
  public synchronized void progressed() {
    since = null;
  }

  /** Nothing to do: nothing can be stalled. */
  public synchronized void idle() {
    since = null;
  }

  /** Whether work has waited without progress for at least the stall time. */
  public synchronized boolean stalled() {
    return since != null && !clock.instant().isBefore(since.plus(after));
  }

  /** The stall time. */
  public Duration after() {
    return after;
  }
}
