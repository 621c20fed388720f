package thesiswatch.backfill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when a test's sleeper spends time, so waits are exact and nothing sleeps.
 */
public final class TestClock extends Clock {

  private Instant now;

  /** A clock at {@code start}. */
  public TestClock(Instant start) {
    this.now = start;
  }

  /** Moves the clock on by {@code duration}: what a sleep would have taken. */
  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
