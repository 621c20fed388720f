package thesiswatch.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.Article;
import thesiswatch.common.FeedState;
import thesiswatch.ingest.dedupe.StoryWindow;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;
import thesiswatch.ingest.feeds.FeedList;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.ingest.parse.FeedEntry;
import thesiswatch.ingest.kafka.ArticlePublisher;
import thesiswatch.ingest.kafka.FeedStateStore;
import thesiswatch.ingest.kafka.StoryLog;
import thesiswatch.ingest.schedule.FeedStates;
import thesiswatch.ingest.schedule.HostGate;
import thesiswatch.ingest.schedule.Relocations;

/**
 * The ingest service: polls every feed of the feed list on its own schedule, publishes new
 * articles to Kafka once, and keeps each feed's state in the compacted {@code feed-state} topic.
 *
 * <p>Threads: {@code ingest-scheduler} dispatches due feeds (respecting per-host limits),
 * {@code ingest-fetch-N} fetch and parse, and {@code ingest-publisher} loads the stored state at
 * start, then commits each poll's articles and state in one transaction. Between fetchers and the
 * publisher sits a bounded queue: while Kafka is down, fetchers fill it, then wait; nothing is
 * lost, because a feed's seen ids only advance when its poll commits. A feed is polled again
 * only after its previous poll committed, so an outage holds at most one poll per feed.
 */
public final class IngestService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  /** Re-check interval for a feed whose host is busy. */
  private static final Duration HOST_BUSY_RETRY = Duration.ofMillis(100);
  /** Most polls committed in one transaction. */
  private static final int MAX_POLLS_PER_TRANSACTION = 32;
  /** First and longest pause between attempts while Kafka is unreachable. */
  private static final Duration KAFKA_RETRY_MIN = Duration.ofMillis(500);
  private static final Duration KAFKA_RETRY_MAX = Duration.ofSeconds(5);

  /** One finished poll on its way to Kafka. */
  private record Poll(FeedSpec feed, List<Article> articles, FeedState state) {}

  private final IngestConfig config;
  private final FeedReader reader;
  private final FeedStates rules;
  private final StoryWindow window;
  private final HostGate hosts;
  private final Relocations relocations = new Relocations();
  /** Last body digest per feed, in memory: an unchanged body is not parsed again. */
  private final Map<String, String> bodyDigests = new ConcurrentHashMap<>();
  private final ArticlePublisher publisher;
  private final Map<String, FeedState> states = new ConcurrentHashMap<>();
  private final BlockingQueue<Poll> outbox;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService fetchers;
  private final Thread publisherThread;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile boolean abandon;
  /** Set once the feed state has been read from Kafka: the broker answered and polling began. */
  private volatile boolean resumed;
  private volatile List<FeedSpec> feeds = List.of();
  private final Metrics metrics;

  /** A service with {@code config}, recording bounded-label metrics in {@code registry}. */
  public IngestService(IngestConfig config, MeterRegistry registry) {
    this.config = config;
    this.reader = new FeedReader(config);
    this.rules = new FeedStates(config.backoffBase(), config.backoffMax(), config.seenIdsPerFeed());
    this.window = new StoryWindow(config.dedupeWindow(), config.dedupeMaxStories());
    this.hosts = new HostGate(config.perHostConcurrency());
    this.publisher = new ArticlePublisher(config.bootstrapServers(), config.topics(), config.transactionalId(),
        config.kafkaBlock(), registry);
    this.outbox = new ArrayBlockingQueue<>(config.bufferPolls());
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, named("ingest-scheduler"));
    timer.setRemoveOnCancelPolicy(true);
    this.scheduler = timer;
    this.fetchers = new ThreadPoolExecutor(config.fetchThreads(), config.fetchThreads(), 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), named("ingest-fetch"));
    this.publisherThread = new Thread(this::runPublisher, "ingest-publisher");
    this.metrics = new Metrics(registry);
  }

  /**
   * Reads the feed list and starts the threads; returns at once. Polling begins once the stored
   * feed state has been read from Kafka.
   *
   * @throws UncheckedIOException when the feed list cannot be read
   * @throws IllegalStateException when called twice
   */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("ingest already started");
    }
    try {
      feeds = FeedList.read(config.feedsFile());
    } catch (IOException e) {
      throw new UncheckedIOException("ingest: cannot read feed list " + config.feedsFile(), e);
    }
    for (FeedSpec feed : feeds) {
      states.put(feed.url(), FeedStates.pending(feed.url(), feed.title(), feed.enabled() ? Instant.now() : null));
    }
    LOG.info("ingest: {} feeds from {} ({} enabled)", feeds.size(), config.feedsFile(),
        feeds.stream().filter(FeedSpec::enabled).count());
    publisherThread.start();
  }

  /** Ready: the feed state was read from Kafka (so the broker answered) and the service is not stopping. */
  public boolean ready() {
    return resumed && !stopping;
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

  /** Blocks until {@link #close()} has finished. */
  public void awaitClosed() throws InterruptedException {
    closed.await();
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
    stopping = true;
    scheduler.shutdownNow();
    fetchers.shutdown();
    try {
      if (!fetchers.awaitTermination(left(deadline), TimeUnit.MILLISECONDS)) {
        fetchers.shutdownNow();
      }
      if (publisherThread.isAlive()) {
        publisherThread.join(Math.max(1, left(deadline))); // join(0) would wait forever
      }
      if (publisherThread.isAlive()) {
        abandon = true;
        publisherThread.interrupt();
        publisherThread.join(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      publisher.close(Duration.ofMillis(Math.max(left(deadline), 1_000)));
      LOG.info("ingest: closed");
      closed.countDown();
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

  // ---- scheduling --------------------------------------------------------------------------

  private void scheduleAll() {
    List<FeedSpec> enabled = feeds.stream().filter(FeedSpec::enabled).toList();
    Instant now = Instant.now();
    for (int i = 0; i < enabled.size(); i++) {
      FeedSpec feed = enabled.get(i);
      FeedState state = states.get(feed.url());
      if (FeedState.DISABLED.equals(state.status()) && state.lastAttempt() != null) {
        continue; // disabled by the server (410); stays off until the state is reset
      }
      // Spread first polls evenly over the window instead of hitting every host at once.
      Instant spread = now.plus(config.startupSpread().multipliedBy(i).dividedBy(enabled.size()));
      Instant due = state.nextPoll() != null && state.nextPoll().isAfter(spread) ? state.nextPoll() : spread;
      schedule(feed, due);
    }
  }

  private void schedule(FeedSpec feed, Instant due) {
    if (stopping) {
      return;
    }
    long delay = Math.max(0, Duration.between(Instant.now(), due).toMillis());
    try {
      scheduler.schedule(() -> dispatch(feed), delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing: the feed is polled again on the next start
    }
  }

  private void dispatch(FeedSpec feed) {
    String host = HostGate.hostOf(feed.url());
    Instant now = Instant.now();
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

  // ---- one poll ----------------------------------------------------------------------------

  private void poll(FeedSpec feed, String host) {
    FeedState before = states.get(feed.url());
    Duration configured = feed.interval() != null ? feed.interval() : config.pollInterval();
    Duration interval = FeedStates.jittered(configured, feed.url());
    Poll poll;
    try {
      FeedReader.Result result = reader.read(relocations.fetchUrl(feed.url()), feed.language(), before.etag(),
          before.lastModified(), bodyDigests.get(feed.url()));
      relocations.observe(feed.url(), result.fetch().finalUrl(), result.fetch().movedPermanently());
      if (result.digest() != null) {
        bodyDigests.put(feed.url(), result.digest());
      }
      poll = result.feed() == null
          ? notModified(feed, before, result, interval)
          : fetched(feed, before, result, interval);
    } catch (FeedFault fault) {
      poll = failed(feed, before, fault, host);
    } catch (RuntimeException e) {
      // A bug in one feed's handling must not stop the others; it is reported like a parse failure.
      LOG.error("ingest: unexpected failure feed_url={}", feed.url(), e);
      poll = failed(feed, before, new FeedFault(FaultKind.INVALID_XML,
          "ingest: unexpected " + e, e), host);
    } finally {
      hosts.release(host);
    }
    enqueue(poll);
  }

  private Poll notModified(FeedSpec feed, FeedState before, FeedReader.Result result, Duration interval) {
    metrics.poll("not_modified", "none");
    return new Poll(feed, List.of(), rules.afterNotModified(before, result.fetch().etag(),
        result.fetch().lastModified(), result.fetched(), interval));
  }

  private Poll fetched(FeedSpec feed, FeedState before, FeedReader.Result result, Duration interval) {
    String feedTitle = result.feed().feed().title() != null ? result.feed().feed().title() : feed.title();
    List<Article> articles = new ArrayList<>();
    for (FeedEntry entry : result.feed().entries()) {
      if (entry.hasTitle()) {
        articles.add(entry.toArticle(result.fetched(), feed.url(), feedTitle));
      }
    }
    StoryWindow.Admission admission = window.admit(articles, new HashSet<>(before.seenIds()), result.fetched());
    metrics.poll("ok", "none");
    metrics.duplicates("feed", admission.repeated());
    metrics.duplicates("cross_feed", admission.crossFeed());
    if (FeedState.FAILING.equals(before.status())) {
      LOG.info("ingest: feed recovered feed_url={} after {} failures", feed.url(), before.consecutiveErrors());
    }
    List<String> ids = articles.stream().map(Article::id).toList();
    FeedState after = rules.afterSuccess(before, feedTitle, result.fetch().etag(), result.fetch().lastModified(),
        result.fetched(), interval, ids);
    return new Poll(feed, admission.toPublish(), after);
  }

  private Poll failed(FeedSpec feed, FeedState before, FeedFault fault, String host) {
    Instant now = Instant.now();
    FeedState after = rules.afterFailure(before, fault, now);
    metrics.poll("failed", fault.kind().key());
    if (fault.retryAfter() != null) {
      hosts.restUntil(host, after.nextPoll());
    }
    // Logged once per change of kind, so a feed failing every poll does not flood the log.
    if (!fault.kind().key().equals(before.lastErrorKind())) {
      LOG.warn("ingest: feed failing feed_url={} kind={} message={} next_poll={}", feed.url(), fault.kind().key(),
          fault.getMessage(), after.nextPoll());
    } else {
      LOG.debug("ingest: feed still failing feed_url={} kind={} errors={}", feed.url(), fault.kind().key(),
          after.consecutiveErrors());
    }
    return new Poll(feed, List.of(), after);
  }

  private void enqueue(Poll poll) {
    try {
      // Blocks politely while Kafka is behind: the bounded buffer is full.
      while (!outbox.offer(poll, 200, TimeUnit.MILLISECONDS)) {
        if (abandon) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- publishing --------------------------------------------------------------------------

  private void runPublisher() {
    if (!loadState()) {
      return;
    }
    resumed = true;
    scheduleAll();
    List<Poll> batch = new ArrayList<>();
    while (!abandon) {
      try {
        Poll first = outbox.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (stopping && fetchers.isTerminated() && outbox.isEmpty()) {
            return;
          }
          continue;
        }
        batch.add(first);
        outbox.drainTo(batch, MAX_POLLS_PER_TRANSACTION - 1);
        if (commit(batch)) {
          for (Poll poll : batch) {
            states.put(poll.feed().url(), poll.state());
            if (poll.state().nextPoll() != null) {
              schedule(poll.feed(), poll.state().nextPoll());
            }
          }
        }
        batch.clear();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Reads the stored feed state and replays recent articles into the duplicate window, retrying
   * while Kafka is unreachable; false when closed first.
   */
  private boolean loadState() {
    Duration pause = KAFKA_RETRY_MIN;
    while (!stopping) {
      try {
        Map<String, FeedState> stored =
            FeedStateStore.load(config.bootstrapServers(), config.topics().feedState(), config.kafkaBlock());
        int resumed = 0;
        for (FeedSpec feed : feeds) {
          FeedState state = stored.get(feed.url());
          if (state != null && feed.enabled()) {
            states.put(feed.url(), state);
            resumed++;
          }
        }
        LOG.info("ingest: resumed state of {} feeds from {}", resumed, config.topics().feedState());
        int stories = StoryLog.replay(config.bootstrapServers(), config.topics().articles(),
            Instant.now().minus(config.dedupeWindow()), config.kafkaBlock().multipliedBy(6), window::restore);
        LOG.info("ingest: replayed {} recent articles into the duplicate window ({} stories)", stories, window.size());
        return true;
      } catch (KafkaException e) {
        LOG.warn("ingest: cannot read feed state yet ({}); retrying in {} ms", e.getMessage(), pause.toMillis());
        if (!sleep(pause)) {
          return false;
        }
        pause = next(pause);
      }
    }
    return false;
  }

  /** Commits a batch, retrying while Kafka is unreachable; false when given up at close. */
  private boolean commit(List<Poll> batch) {
    List<Article> articles = new ArrayList<>();
    List<FeedState> stateRecords = new ArrayList<>();
    for (Poll poll : batch) {
      articles.addAll(poll.articles());
      stateRecords.add(poll.state());
    }
    Duration pause = KAFKA_RETRY_MIN;
    boolean warned = false;
    while (!abandon) {
      try {
        publisher.publish(articles, stateRecords);
        metrics.published(articles.size());
        if (warned) {
          LOG.info("ingest: Kafka reachable again; published {} articles", articles.size());
        }
        return true;
      } catch (KafkaException e) {
        metrics.publishFailure();
        if (!warned) {
          LOG.warn("ingest: publish failed ({}); holding {} polls and retrying", e.getMessage(), batch.size());
          warned = true;
        }
        if (!sleep(pause)) {
          return false;
        }
        pause = next(pause);
      }
    }
    return false;
  }

  private static Duration next(Duration pause) {
    Duration doubled = pause.multipliedBy(2);
    return doubled.compareTo(KAFKA_RETRY_MAX) > 0 ? KAFKA_RETRY_MAX : doubled;
  }

  private boolean sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
      return !abandon;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The service's meters; every label has a small, fixed set of values. */
  private final class Metrics {
    private final MeterRegistry registry;
    private final Counter published;
    private final Counter publishFailures;

    Metrics(MeterRegistry registry) {
      this.registry = registry;
      this.published = Counter.builder("thesiswatch.ingest.articles.published")
          .description("Article records committed to Kafka (new stories and updates)").register(registry);
      this.publishFailures = Counter.builder("thesiswatch.ingest.publish.failures")
          .description("Failed Kafka transactions (retried)").register(registry);
      for (String status : List.of(FeedState.PENDING, FeedState.OK, FeedState.FAILING, FeedState.DISABLED)) {
        Gauge.builder("thesiswatch.ingest.feeds", states, s -> s.values().stream().filter(f -> f.status().equals(status)).count())
            .description("Feeds by status").tag("status", status).register(registry);
      }
    }

    void poll(String outcome, String kind) {
      Counter.builder("thesiswatch.ingest.polls").description("Feed polls by outcome and classified error kind")
          .tags("outcome", outcome, "kind", kind).register(registry).increment();
    }

    void duplicates(String scope, int count) {
      if (count > 0) {
        Counter.builder("thesiswatch.ingest.duplicates.dropped")
            .description("Entries not published again: repeated within a feed, or a copy from another feed")
            .tag("scope", scope).register(registry).increment(count);
      }
    }

    void published(int count) {
      published.increment(count);
    }

    void publishFailure() {
      publishFailures.increment();
    }
  }
}
