package thesiswatch.backfill.archive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import thesiswatch.backfill.run.Stopped;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/**
 * Politeness towards one archive: at most one request per {@code interval}; after a refusal ({@code
 * 429}, {@code 503}) or a server or network failure, a wait of the server's {@code Retry-After} or
 * the backoff, whichever is longer (the backoff doubles per consecutive failure up to its cap);
 * after {@code maxFailures} failures in a row, a stop. The Internet Archive blocks an address that
 * ignores its 429s for a minute, so the backoff starts at a minute by default. Time comes from
 * {@code clock} and waits go through {@code sleeper}, so tests neither sleep nor race.
 */
public final class Pacer {

  /** How waits are spent: {@code Thread::sleep}, or a test's recorder. */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
  }

  private final String archive;
  private final Duration interval;
  private final Duration backoffBase;
  private final Duration backoffMax;
  private final int maxFailures;
  private final Clock clock;
  private final Sleeper sleeper;
  private Instant next = Instant.MIN;
  private int failures;
  private Duration lastWait = Duration.ZERO;

  /**
   * A pacer for {@code archive} (its name in messages).
   *
   * @param interval least time between two requests
   * @param backoffBase wait after the first failure
   * @param backoffMax longest wait after failures
   * @param maxFailures consecutive failures that stop the run
   */
  public Pacer(
      String archive,
      Duration interval,
      Duration backoffBase,
      Duration backoffMax,
      int maxFailures,
      Clock clock,
      Sleeper sleeper) {
    this.archive = Objects.requireNonNull(archive, "archive must not be null");
    this.interval = Objects.requireNonNull(interval, "interval must not be null");
    this.backoffBase = Objects.requireNonNull(backoffBase, "backoff base must not be null");
    this.backoffMax = Objects.requireNonNull(backoffMax, "backoff max must not be null");
    if (maxFailures < 1) {
      throw new IllegalArgumentException("max failures must be positive: " + maxFailures);
    }
    this.maxFailures = maxFailures;
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper must not be null");
  }

  /** Waits until the next request is allowed, and books it. */
  public void await() throws InterruptedException {
    Instant now = clock.instant();
    if (now.isBefore(next)) {
      sleeper.sleep(Duration.between(now, next));
      now = clock.instant();
    }
    next = (now.isAfter(next) ? now : next).plus(interval);
  }

  /** The last request was answered: failures start over. */
  public void succeeded() {
    failures = 0;
  }

  /** Whether {@code fault} is the archive's trouble (worth a retry), not the capture's. */
  public static boolean transientFault(FeedFault fault) {
    return switch (fault.kind()) {
      case HTTP_429, HTTP_503, TIMEOUT, IO_ERROR, TLS_ERROR -> true;
      case HTTP_ERROR -> fault.status() >= 500 || fault.status() == 408;
      default -> false;
    };
  }

  /**
   * The last request failed with a {@link #transientFault transient fault}: the next one waits.
   *
   * @throws Stopped after {@code maxFailures} such failures in a row
   */
  public void failed(FeedFault fault) throws Stopped {
    failures++;
    if (failures >= maxFailures) {
      throw new Stopped(
          "backfill: stopped after "
              + failures
              + " failures in a row from "
              + archive
              + " (last: "
              + fault.kind().key()
              + ", "
              + fault.getMessage()
              + "); progress is kept, the same command resumes",
          fault);
    }
    Duration backoff = backoffBase.multipliedBy(1L << Math.min(failures - 1, 30));
    if (backoff.compareTo(backoffMax) > 0) {
      backoff = backoffMax;
    }
    Duration wait = backoff;
    if (fault.retryAfter() != null && fault.retryAfter().compareTo(wait) > 0) {
      wait = fault.retryAfter();
    }
    if (fault.kind() == FaultKind.HTTP_429 && fault.retryAfter() == null && wait.isZero()) {
      wait = interval;
    }
    lastWait = wait;
    Instant until = clock.instant().plus(wait);
    if (until.isAfter(next)) {
      next = until;
    }
  }

  /** The wait the last failure set, for messages. */
  public Duration lastWait() {
    return lastWait;
  }

  /** Consecutive failures so far. */
  public int failures() {
    return failures;
  }
}
