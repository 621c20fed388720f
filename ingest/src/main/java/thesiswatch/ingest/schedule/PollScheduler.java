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
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.DaemonThreads;
import thesiswatch.common.FeedState;
import thesiswatch.ingest.feeds.FeedSpec;

/**
 * When each feed is polled, and on which thread: the {@code ingest-scheduler} thread keeps every
 * feed's due time, spreads the first polls of a start over the startup window, and at a feed's due
 * time dispatches it to the {@code ingest-fetch-N} pool once its host has a free slot ({@link
 * HostGate}); the fetch thread runs the {@link Poller} and hands the finished {@link Poll} on. A
 * feed is due again only when {@link #schedule} is called for it, which ingest does once its poll
 * committed, so a feed is never polled twice at once.
 *
 * <p>Every feed stays scheduled whatever happens to one of its tasks: a due time is clamped to at
 * most {@link FeedStates#MAX_DELAY} ahead, and a task that throws anything (which the {@link
 * Poller} contract forbids, and {@code ScheduledFuture} would swallow) is logged with the feed's
 * URL and the feed is tried again after {@link #RETRY_AFTER_BUG}.
 */
public final class PollScheduler {

  private static final Logger LOG = LoggerFactory.getLogger(PollScheduler.class);

  /** Re-check interval for a feed whose host is busy. */
  private static final Duration HOST_BUSY_RETRY = Duration.ofMillis(100);

  /** When a feed whose task failed unexpectedly is tried again. */
  public static final Duration RETRY_AFTER_BUG = Duration.ofMinutes(1);

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
        new ScheduledThreadPoolExecutor(1, DaemonThreads.numbered("ingest-scheduler"));
    scheduler.setRemoveOnCancelPolicy(true);
    this.timer = scheduler;
    this.fetchers =
        new ThreadPoolExecutor(
            fetchThreads,
            fetchThreads,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            DaemonThreads.numbered("ingest-fetch"));
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

  /**
   * Polls {@code feed} at {@code due} (at once when it is past or null, at most {@link
   * FeedStates#MAX_DELAY} ahead); nothing once stopping.
   */
  public void schedule(FeedSpec feed, Instant due) {
    if (stopping) {
      return;
    }
    try {
      timer.schedule(
          guarded(feed, () -> dispatch(feed)),
          delayMillis(clock.instant(), due),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing: the feed is polled again on the next start
    }
  }

  /** Milliseconds from {@code now} to {@code due}, within [0, {@link FeedStates#MAX_DELAY}]. */
  static long delayMillis(Instant now, Instant due) {
    if (due == null || !due.isAfter(now)) {
      return 0;
    }
    Instant latest = now.plus(FeedStates.MAX_DELAY);
    return Duration.between(now, due.isAfter(latest) ? latest : due).toMillis();
  }

  /** {@code task}, which logs anything it throws and tries {@code feed} again later. */
  private Runnable guarded(FeedSpec feed, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (Throwable e) {
        retryLater(feed, e);
      }
    };
  }

  private void retryLater(FeedSpec feed, Throwable e) {
    LOG.error(
        "ingest: a poll task failed unexpectedly feed_url={}; trying the feed again in {}",
        feed.url(),
        RETRY_AFTER_BUG,
        e);
    schedule(feed, clock.instant().plus(RETRY_AFTER_BUG));
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
      fetchers.execute(guarded(feed, () -> poll(feed, host)));
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

  /** How many feeds are waiting for their due time. */
  int waiting() {
    return ((ScheduledThreadPoolExecutor) timer).getQueue().size();
  }

  /** Interrupts the polls still in flight after {@link #stop()}. */
  public void abortPolls() {
    fetchers.shutdownNow();
  }

  /** True once stopped and no poll is in flight: no more polls will reach the sink. */
  public boolean pollsDone() {
    return fetchers.isTerminated();
  }
}
