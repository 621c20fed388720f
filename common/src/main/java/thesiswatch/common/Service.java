package thesiswatch.common;

import java.util.Optional;

/**
 * The life cycle the three services (ingest, classifier, dashboard) share, so that one command runs
 * any of them the same way: {@code start} → {@code ready} → ({@code close} or a fatal error) →
 * {@code awaitStopped} returns → {@code failure} says which.
 *
 * <p>The command that runs a service exits {@link #EXIT_STOPPED} after a signal, {@link
 * #EXIT_FAILED} after a fatal error (so that a supervisor restarts it), and {@link
 * #EXIT_CANNOT_START} when it cannot start (bad settings, a taken port, a locked directory).
 */
public interface Service extends AutoCloseable {

  /** Exit status after a stop by signal, everything in flight committed. */
  int EXIT_STOPPED = 0;

  /** Exit status after a fatal error, e.g. a fenced producer or a broken index. */
  int EXIT_FAILED = 1;

  /** Exit status when the service cannot start: bad settings, a taken port, a locked directory. */
  int EXIT_CANNOT_START = 2;

  /**
   * Starts the service's threads and returns at once.
   *
   * @throws IllegalStateException when called twice or after {@link #close()}
   * @throws RuntimeException when the service cannot start, with a message that says why
   */
  void start();

  /** Whether the service does its work now: its broker answered and it is not stopping. */
  boolean ready();

  /** Blocks until the service has stopped, by {@link #close()} or by a fatal error. */
  void awaitStopped() throws InterruptedException;

  /** The fatal error that stopped the service; empty while it runs and after a normal close. */
  Optional<Throwable> failure();

  /** Stops gracefully (work in flight is committed), releasing everything; idempotent. */
  @Override
  void close();
}
