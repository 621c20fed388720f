package thesiswatch.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand: time passes only when the test says so. Thread-safe. */
public final class HandClock extends Clock {

  private volatile Instant now;

  /** A clock standing at {@code now}. */
  public HandClock(Instant now) {
    this.now = now;
  }

  /** Sets the time to {@code instant}. */
  public void set(Instant instant) {
    now = instant;
  }

  /** Moves the time on by {@code step}. */
  public synchronized void advance(Duration step) {
    now = now.plus(step);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
