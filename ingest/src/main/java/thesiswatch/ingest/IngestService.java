package thesiswatch.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.FeedState;
import thesiswatch.common.Service;
import thesiswatch.common.StallWatch;
import thesiswatch.ingest.dedupe.StoryWindow;
import thesiswatch.ingest.feeds.FeedList;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.ingest.kafka.ArticlePublisher;
import thesiswatch.ingest.kafka.Outbox;
import thesiswatch.ingest.kafka.PublishLoop;
import thesiswatch.ingest.schedule.FeedStates;
import thesiswatch.ingest.schedule.PollScheduler;

/**
 * The ingest service: polls every feed of the feed list on its own schedule, publishes new articles
 * to Kafka once, and keeps each feed's state in the compacted {@code feed-state} topic.
 *
 * <p>It only wires the parts. A poll travels: {@link PollScheduler} (the {@code ingest-scheduler}
 * thread, at the feed's due time and once its host has a free slot) → {@link FeedPoller} on an
 * {@code ingest-fetch-N} thread (fetch, parse, duplicates, next state) → {@link Outbox} (bounded:
 * while Kafka is down, fetch threads wait) → {@link PublishLoop} (the {@code ingest-publisher}
 * thread, which commits the poll's articles and state in one transaction, then records the state) →
 * back to the scheduler with the feed's next due time. A feed is polled again only after its
 * previous poll committed, so an outage holds at most one poll per feed.
 *
 * <p>A feed's failure, or a bug in one feed's handling, never stops the service. Only the death of
 * the publisher thread does, since nothing would be committed any more: {@link #failure()} then
 * says why and {@link #awaitStopped()} returns.
 */
public final class IngestService implements Service {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private final IngestConfig config;
  private final Clock clock;
  private final StallWatch stalls;

  /** Every feed's current state, by feed URL: written by the publisher, read by the rest. */
  private final Map<String, FeedState> states = new ConcurrentHashMap<>();

  private final ArticlePublisher publisher;
  private final FeedPoller poller;
  private final PollScheduler scheduler;
  private final PublishLoop publishLoop;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);

  /** Counted down when close() has finished or the publisher died. */
  private final CountDownLatch stopped = new CountDownLatch(1);

  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile List<FeedSpec> feeds = List.of();

  /** A service with {@code config}, recording bounded-label metrics in {@code registry}. */
  public IngestService(IngestConfig config, MeterRegistry registry) {
    this(config, registry, Clock.systemUTC());
  }

  /** A service whose times (fetch times, due times, the stall time) come from {@code clock}. */
  IngestService(IngestConfig config, MeterRegistry registry, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.stalls = new StallWatch(config.stallAfter(), clock);
    StoryWindow window = new StoryWindow(config.dedupeWindow(), config.dedupeMaxStories());
    IngestMetrics metrics = new IngestMetrics(registry, states, stalls::stalled);
    this.poller = new FeedPoller(config, window, metrics, clock);
    this.publisher =
        new ArticlePublisher(
            config.bootstrapServers(),
            config.topics(),
            config.transactionalId(),
            config.kafkaBlock(),
            registry);
    Outbox outbox = new Outbox(config.bufferPolls());
    this.scheduler =
        new PollScheduler(
            config.fetchThreads(),
            config.perHostConcurrency(),
            config.startupSpread(),
            states::get,
            poller::poll,
            outbox::put,
            clock);
    this.publishLoop =
        new PublishLoop(
            new PublishLoop.Settings(
                config.bootstrapServers(),
                config.topics(),
                config.kafkaBlock(),
                config.dedupeWindow()),
            publisher,
            outbox,
            window,
            states,
            scheduler,
            poller,
            metrics,
            stalls,
            clock,
            (thread, e) -> died(e));
  }

  /**
   * Reads the feed list and starts the threads; returns at once. Polling begins once the stored
   * feed state has been read from Kafka.
   *
   * @throws UncheckedIOException when the feed list cannot be read
   * @throws IllegalStateException when called twice or after {@link #close()}
   */
  @Override
  public void start() {
    if (closing.get()) {
      throw new IllegalStateException("ingest is closed");
    }
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("ingest already started");
    }
    try {
      feeds = FeedList.read(config.feedsFile());
    } catch (IOException e) {
      throw new UncheckedIOException("ingest: cannot read feed list " + config.feedsFile(), e);
    }
    for (FeedSpec feed : feeds) {
      states.put(
          feed.url(),
          FeedStates.pending(feed.url(), feed.title(), feed.enabled() ? clock.instant() : null));
    }
    LOG.info(
        "ingest: {} feeds from {} ({} enabled)",
        feeds.size(),
        config.feedsFile(),
        feeds.stream().filter(FeedSpec::enabled).count());
    publishLoop.start(feeds);
  }

  /**
   * Ready: the feed state was read from Kafka (so the broker answered), polls are not stalled
   * (waiting for a commit for {@code INGEST_STALL_AFTER}) and the service is not stopping.
   */
  @Override
  public boolean ready() {
    return publishLoop.resumed() && !stalls.stalled() && !closing.get() && failure.get() == null;
  }

  /** Whether polls have waited for a commit, with none made, for the stall time. */
  public boolean stalled() {
    return stalls.stalled();
  }

  /** The current state of every feed of the list, in list order: the feed health view. */
  public List<FeedState> feeds() {
    List<FeedState> result = new ArrayList<>();
    for (FeedSpec feed : feeds) {
      FeedState state = states.get(feed.url());
      if (state != null) {
        result.add(state);
      }
    }
    return result;
  }

  /** Blocks until {@link #close()} has finished or the publisher thread died. */
  @Override
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /** Why the publisher thread died, if it did; empty while ingest runs and after a normal close. */
  @Override
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  private void died(Throwable e) {
    failure.compareAndSet(null, e);
    LOG.error(
        "ingest: the publisher thread stopped on an unexpected error; nothing is committed any"
            + " more",
        e);
    stopped.countDown();
  }

  /**
   * Stops polling, lets in-flight fetches finish and their polls commit, then closes the producer;
   * waits at most the configured close timeout (uncommitted polls are simply fetched again next
   * time). Idempotent.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      awaitQuietly();
      return;
    }
    Instant deadline = Instant.now().plus(config.closeTimeout());
    publishLoop.stop();
    scheduler.stop();
    try {
      if (!scheduler.awaitPolls(left(deadline))) {
        scheduler.abortPolls();
      }
      if (!publishLoop.join(left(deadline))) {
        publishLoop.abandon();
        publishLoop.join(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      publisher.close(Duration.ofMillis(Math.max(left(deadline), 1_000)));
      poller.close();
      LOG.info("ingest: closed");
      closed.countDown();
      stopped.countDown();
    }
  }

  private void awaitQuietly() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long left(Instant deadline) {
    return Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
  }
}
