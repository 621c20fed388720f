package thesiswatch.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs with the system clock plus an offset the test moves forward, so a test can pass
 * a stall time or a deadline at once instead of sleeping, while the code under test keeps seeing
 * time go on.
 */
public final class TestClock extends Clock {

  private volatile Duration offset = Duration.ZERO;

  /** Moves this clock {@code by} ahead of the system clock (cumulative). */
  public void advance(Duration by) {
    offset = offset.plus(by);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock is in UTC");
  }
}
