package thesiswatch.ingest.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import thesiswatch.common.FeedState;
import thesiswatch.ingest.feeds.FeedSpec;

/**
 * When each feed is polled, and on which thread: the {@code ingest-scheduler} thread keeps every
 * feed's due time, spreads the first polls of a start over the startup window, and at a feed's due
 * time dispatches it to the {@code ingest-fetch-N} pool once its host has a free slot ({@link
 * HostGate}); the fetch thread runs the {@link Poller} and hands the finished {@link Poll} on. A
 * feed is due again only when {@link #schedule} is called for it, which ingest does once its poll
 * committed, so a feed is never polled twice at once.
 */
public final class PollScheduler {

  /** Re-check interval for a feed whose host is busy. */
  private static final Duration HOST_BUSY_RETRY = Duration.ofMillis(100);

  /** One poll of one feed, from the state it had before; never throws for the feed's failures. */
  @FunctionalInterface
  public interface Poller {
    Poll poll(FeedSpec feed, FeedState before);
  }

  private final Duration startupSpread;
  private final HostGate hosts;
  private final Function<String, FeedState> states;
  private final Poller poller;
  private final Consumer<Poll> sink;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final ExecutorService fetchers;
  private volatile boolean stopping;

  /**
   * A scheduler with {@code fetchThreads} fetch threads and at most {@code perHost} polls in flight
   * per host; a poll reads the feed's current state from {@code states} (by feed URL) and its
   * result goes to {@code sink}, on the fetch thread. Due times are read against {@code clock}.
   */
  public PollScheduler(
      int fetchThreads,
      int perHost,
      Duration startupSpread,
      Function<String, FeedState> states,
      Poller poller,
      Consumer<Poll> sink,
      Clock clock) {
    this.startupSpread = startupSpread;
    this.hosts = new HostGate(perHost);
    this.states = states;
    this.poller = poller;
    this.sink = sink;
    this.clock = clock;
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(1, named("ingest-scheduler"));
    scheduler.setRemoveOnCancelPolicy(true);
    this.timer = scheduler;
    this.fetchers =
        new ThreadPoolExecutor(
            fetchThreads,
            fetchThreads,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            named("ingest-fetch"));
  }

  /**
   * Schedules the first poll of every enabled feed of {@code feeds}: at its stored next poll, but
   * not before its place in the startup spread. A feed the server disabled (HTTP 410) stays off.
   */
  public void scheduleAll(List<FeedSpec> feeds) {
    List<FeedSpec> enabled = feeds.stream().filter(FeedSpec::enabled).toList();
    Instant now = clock.instant();
    for (int i = 0; i < enabled.size(); i++) {
      FeedSpec feed = enabled.get(i);
      FeedState state = states.apply(feed.url());
      if (FeedState.DISABLED.equals(state.status()) && state.lastAttempt() != null) {
        continue; // disabled by the server (410); stays off until the state is reset
      }
      // Spread first polls evenly over the window instead of hitting every host at once.
      Instant spread = now.plus(startupSpread.multipliedBy(i).dividedBy(enabled.size()));
      Instant due =
          state.nextPoll() != null && state.nextPoll().isAfter(spread) ? state.nextPoll() : spread;
      schedule(feed, due);
    }
  }

  /** Polls {@code feed} at {@code due} (at once when it is past); nothing once stopping. */
  public void schedule(FeedSpec feed, Instant due) {
    if (stopping) {
      return;
    }
    long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis());
    try {
      timer.schedule(() -> dispatch(feed), delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing: the feed is polled again on the next start
    }
  }

  private void dispatch(FeedSpec feed) {
    String host = HostGate.hostOf(feed.url());
    Instant now = clock.instant();
    if (!hosts.tryAcquire(host, now)) {
      Instant resting = hosts.restingUntil(host);
      schedule(feed, resting != null && resting.isAfter(now) ? resting : now.plus(HOST_BUSY_RETRY));
      return;
    }
    try {
      fetchers.execute(() -> poll(feed, host));
    } catch (RejectedExecutionException e) {
      hosts.release(host);
    }
  }

  private void poll(FeedSpec feed, String host) {
    Poll poll;
    try {
      poll = poller.poll(feed, states.apply(feed.url()));
      if (poll.hostRestUntil() != null) {
        hosts.restUntil(host, poll.hostRestUntil());
      }
    } finally {
      hosts.release(host);
    }
    sink.accept(poll);
  }

  /**
   * Stops scheduling: nothing is dispatched any more, scheduled polls are dropped (they are due
   * again on the next start), and the polls in flight run to their end.
   */
  public void stop() {
    stopping = true;
    timer.shutdownNow();
    fetchers.shutdown();
  }

  /**
   * Waits at most {@code timeoutMillis} for the polls in flight after {@link #stop()}; true when
   * none is left.
   */
  public boolean awaitPolls(long timeoutMillis) throws InterruptedException {
    return fetchers.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** Interrupts the polls still in flight after {@link #stop()}. */
  public void abortPolls() {
    fetchers.shutdownNow();
  }

  /** True once stopped and no poll is in flight: no more polls will reach the sink. */
  public boolean pollsDone() {
    return fetchers.isTerminated();
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
