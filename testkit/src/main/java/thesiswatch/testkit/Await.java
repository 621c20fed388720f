package thesiswatch.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way tests wait for something another thread or process does: poll until it holds, fail
 * naming what was awaited after a patience that measures liveness, never speed.
 */
public final class Await {

  /** How long a test waits for the pipeline to reach an expected state by default. */
  public static final Duration PATIENCE = Duration.ofSeconds(90);

  private static final long POLL_MILLIS = 50;

  private Await() {}

  /** Waits until {@code condition} holds, for at most {@link #PATIENCE}. */
  public static void until(String what, BooleanSupplier condition) {
    until(what, PATIENCE, condition);
  }

  /** Waits until {@code condition} holds, for at most {@code patience}. */
  public static void until(String what, Duration patience, BooleanSupplier condition) {
    value(what, patience, condition::getAsBoolean, Boolean::booleanValue);
  }

  /**
   * Polls {@code probe} until {@code done} accepts its value, for at most {@link #PATIENCE};
   * returns the value.
   */
  public static <T> T value(String what, Supplier<T> probe, Predicate<T> done) {
    return value(what, PATIENCE, probe, done);
  }

  /**
   * Polls {@code probe} until {@code done} accepts its value, for at most {@code patience}; returns
   * that value. A probe that throws counts as not done yet (a server still starting refuses
   * connections); its last exception is attached when the wait fails.
   */
  public static <T> T value(String what, Duration patience, Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + patience.toNanos();
    T last = null;
    RuntimeException lastError = null;
    while (true) {
      try {
        last = probe.get();
        lastError = null;
        if (done.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        lastError = e;
      }
      if (System.nanoTime() > deadline) {
        AssertionError failure =
            new AssertionError(
                "gave up waiting for " + what + " after " + patience + "; last seen: " + last);
        if (lastError != null) {
          failure.initCause(lastError);
        }
        throw failure;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
