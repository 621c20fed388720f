package thesiswatch.ingest.kafka;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.Article;
import thesiswatch.common.FeedState;
import thesiswatch.common.KafkaRefusals;
import thesiswatch.common.StallWatch;
import thesiswatch.common.Topics;
import thesiswatch.ingest.dedupe.StoryWindow;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.ingest.schedule.Poll;
import thesiswatch.ingest.schedule.PollScheduler;

/**
 * The publisher thread, {@code ingest-publisher}. At start it reads the stored feed state,
 * tombstones the states of feeds no longer in the feed list (so the dashboard forgets them rather
 * than showing them stale for ever) and replays recent articles into the duplicate window, retrying
 * while Kafka is unreachable, then hands the feeds to the scheduler. From then on it drains the
 * {@link Outbox}, commits up to {@value #MAX_POLLS_PER_TRANSACTION} polls per transaction (articles
 * and feed states together, retried while Kafka is down), and after each commit records every
 * feed's new state and hands its next due time back to the scheduler.
 *
 * <p>A transaction Kafka refuses for what it holds (a record over the broker's size limit, say) is
 * not retried as it is, which would hold every feed for ever: it is split into one transaction per
 * poll, the others commit, and the poll that is refused alone commits instead as its feed's
 * classified failure ({@code too_large}, shown in {@code feed-state} and the dashboard's {@code
 * /api/feeds}), retried with the feed's backoff. Data cannot stop this thread; only an {@link
 * Error} outside any one feed's handling ends it (and with it the service, which says why).
 */
public final class PublishLoop {

  private static final Logger LOG = LoggerFactory.getLogger(PublishLoop.class);

  /** Most polls committed in one transaction. */
  static final int MAX_POLLS_PER_TRANSACTION = 32;

  /** First and longest pause between attempts while Kafka is unreachable. */
  private static final Duration KAFKA_RETRY_MIN = Duration.ofMillis(500);

  private static final Duration KAFKA_RETRY_MAX = Duration.ofSeconds(5);

  /** What the loop needs to know of the feeds' rules (they live with the poller). */
  public interface FeedRules {
    /**
     * The stored state of the feed at {@code url} made safe to resume from, or null when it is not
     * usable (the feed then starts afresh).
     */
    FeedState resume(String url, FeedState stored);

    /**
     * What {@code poll} becomes when Kafka refuses to publish it for {@code fault}: a failed poll
     * of the same feed from {@code before}, its state before the poll, with nothing to publish.
     */
    Poll refused(Poll poll, FeedState before, FeedFault fault);
  }

  /** What the loop counts. */
  public interface Meters {
    /** {@code count} article records committed. */
    void published(int count);

    /** A transaction failed (it is retried). */
    void publishFailure();
  }

  /**
   * Where the loop reads at start.
   *
   * @param bootstrapServers the Kafka cluster
   * @param topics the {@code feed-state} and {@code articles} topics
   * @param kafkaBlock how long one Kafka call may block
   * @param dedupeWindow how far back articles are replayed into the duplicate window
   */
  public record Settings(
      String bootstrapServers, Topics topics, Duration kafkaBlock, Duration dedupeWindow) {}

  private final Settings settings;
  private final ArticlePublisher publisher;
  private final Outbox outbox;
  private final StoryWindow window;
  private final Map<String, FeedState> states;
  private final PollScheduler scheduler;
  private final FeedRules rules;
  private final Meters meters;
  private final StallWatch stalls;
  private final Clock clock;
  private final Thread thread;
  private volatile List<FeedSpec> feeds = List.of();
  private volatile boolean stopping;
  private volatile boolean abandon;

  /** Set once the feed state has been read from Kafka: the broker answered and polling began. */
  private volatile boolean resumed;

  /**
   * A loop committing through {@code publisher} the polls of {@code outbox}, recording states in
   * {@code states} (feed URL → state) and rescheduling feeds on {@code scheduler}, resuming and
   * failing feeds by {@code rules}, telling {@code stalls} while polls wait for a commit. The
   * thread's unexpected death (an error no feed should cause) goes to {@code onDeath}.
   */
  public PublishLoop(
      Settings settings,
      ArticlePublisher publisher,
      Outbox outbox,
      StoryWindow window,
      Map<String, FeedState> states,
      PollScheduler scheduler,
      FeedRules rules,
      Meters meters,
      StallWatch stalls,
      Clock clock,
      Thread.UncaughtExceptionHandler onDeath) {
    this.settings = settings;
    this.publisher = publisher;
    this.outbox = outbox;
    this.window = window;
    this.states = states;
    this.scheduler = scheduler;
    this.rules = rules;
    this.meters = meters;
    this.stalls = stalls;
    this.clock = clock;
    this.thread = new Thread(this::run, "ingest-publisher");
    thread.setUncaughtExceptionHandler(onDeath);
  }

  /** Starts the thread for the feed list {@code feeds}; returns at once. */
  public void start(List<FeedSpec> feeds) {
    this.feeds = List.copyOf(feeds);
    thread.start();
  }

  /** Whether the stored state was read (so the broker answered) and polling began. */
  public boolean resumed() {
    return resumed;
  }

  /**
   * Ends the loop once the polls in flight are committed (or, before the state was read, at once).
   */
  public void stop() {
    stopping = true;
  }

  /** Waits at most {@code millis} (at least 1) for the thread to end; true when it has. */
  public boolean join(long millis) throws InterruptedException {
    thread.join(Math.max(1, millis)); // join(0) would wait forever
    return !thread.isAlive();
  }

  /** Gives up on the polls not committed yet: they are fetched again on the next start. */
  public void abandon() {
    abandon = true;
    outbox.abandon();
    thread.interrupt();
  }

  private void run() {
    try {
      if (!loadState()) {
        return;
      }
      resumed = true;
      scheduler.scheduleAll(feeds);
      publish();
    } finally {
      // Nobody takes polls any more, also when the thread dies: fetch threads must not wait for
      // room.
      outbox.abandon();
    }
  }

  private void publish() {
    List<Poll> batch = new ArrayList<>();
    while (!abandon) {
      try {
        Poll first = outbox.take(200);
        if (first == null) {
          stalls.idle();
          if (stopping && scheduler.pollsDone() && outbox.isEmpty()) {
            return;
          }
          continue;
        }
        batch.add(first);
        outbox.drainTo(batch, MAX_POLLS_PER_TRANSACTION - 1);
        publishNarrowing(batch);
        batch.clear();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Reads the stored feed state and replays recent articles into the duplicate window, retrying
   * while Kafka is unreachable; false when stopped first.
   */
  private boolean loadState() {
    Duration pause = KAFKA_RETRY_MIN;
    while (!stopping) {
      try {
        Map<String, FeedState> stored =
            FeedStateStore.load(
                settings.bootstrapServers(), settings.topics().feedState(), settings.kafkaBlock());
        int adopted = 0;
        for (FeedSpec feed : feeds) {
          FeedState state = rules.resume(feed.url(), stored.get(feed.url()));
          if (state != null && feed.enabled()) {
            states.put(feed.url(), state);
            adopted++;
          }
        }
        LOG.info(
            "ingest: resumed state of {} feeds from {}", adopted, settings.topics().feedState());
        forgetRemoved(stored.keySet());
        int stories =
            StoryLog.replay(
                settings.bootstrapServers(),
                settings.topics().articles(),
                clock.instant().minus(settings.dedupeWindow()),
                settings.kafkaBlock().multipliedBy(6),
                window::restore);
        LOG.info(
            "ingest: replayed {} recent articles into the duplicate window ({} stories)",
            stories,
            window.size());
        return true;
      } catch (KafkaException e) {
        LOG.warn(
            "ingest: cannot read feed state yet ({}); retrying in {} ms",
            e.getMessage(),
            pause.toMillis());
        if (!sleep(pause)) {
          return false;
        }
        pause = next(pause);
      }
    }
    return false;
  }

  /** Tombstones the stored states of feeds that are no longer in the feed list. */
  private void forgetRemoved(Set<String> storedUrls) {
    Set<String> removed = new TreeSet<>(storedUrls);
    feeds.forEach(feed -> removed.remove(feed.url()));
    if (!removed.isEmpty()) {
      publisher.forget(removed);
      LOG.info(
          "ingest: {} feeds are no longer in the feed list; their state is removed from {}",
          removed.size(),
          settings.topics().feedState());
    }
  }

  /**
   * Commits {@code batch} and records it; a batch Kafka refuses for its content is split until each
   * refused poll is alone, and that poll commits as its feed's failure instead.
   */
  private void publishNarrowing(List<Poll> batch) {
    RuntimeException refusal = commit(batch);
    if (refusal == null) {
      return; // committed and recorded, or given up at close
    }
    if (batch.size() > 1) {
      LOG.warn(
          "ingest: Kafka refused a transaction of {} polls ({}); publishing them one by one",
          batch.size(),
          refusal.toString());
      for (Poll poll : batch) {
        publishNarrowing(List.of(poll));
      }
      return;
    }
    Poll poll = batch.get(0);
    Poll failed = rules.refused(poll, states.get(poll.feed().url()), fault(refusal));
    if (commit(List.of(failed)) != null) {
      // Even the feed's failure state alone is refused: it is kept in memory, so the feed stays
      // scheduled and shows its failure, and its stored state stays the one before.
      LOG.error(
          "ingest: Kafka refused the failure state of feed_url={} too; keeping it in memory only",
          poll.feed().url());
      record(List.of(failed));
    }
  }

  /**
   * Commits a batch, retrying while Kafka is unreachable, and records every poll's new state once
   * committed. Null when committed, or given up at close; the exception when Kafka refuses the
   * batch for what it holds, which no retry can change.
   */
  private RuntimeException commit(List<Poll> batch) {
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
      } catch (RuntimeException e) {
        meters.publishFailure();
        if (refusesContent(e)) {
          return e;
        }
        stalls.waiting();
        if (!warned) {
          LOG.warn(
              "ingest: publish failed ({}); holding {} polls and retrying",
              e.getMessage(),
              batch.size());
          warned = true;
        }
        if (!sleep(pause)) {
          return null;
        }
        pause = next(pause);
        continue;
      }
      // Committed: what follows is no longer about the batch, and must not be taken for a refusal.
      stalls.progressed();
      meters.published(articles.size());
      if (warned) {
        LOG.info("ingest: Kafka reachable again; published {} articles", articles.size());
      }
      record(batch);
      return null;
    }
    return null;
  }

  /** Records the committed polls' states and hands each feed's next due time to the scheduler. */
  private void record(List<Poll> committed) {
    for (Poll poll : committed) {
      states.put(poll.feed().url(), poll.state());
      if (poll.state().nextPoll() != null) {
        scheduler.schedule(poll.feed(), poll.state().nextPoll());
      }
    }
  }

  /**
   * Whether {@code e} says that Kafka will never take what the batch holds, so that the same batch
   * must not be tried again: a record over the size limit, a record the broker finds invalid, or a
   * value that cannot be serialised. Anything else (Kafka unreachable, a timeout, a fenced or
   * broken producer) is Kafka's state, not the batch's, and the batch is retried.
   */
  static boolean refusesContent(Throwable e) {
    // Not Kafka's exception at all: what the batch holds made sending it throw.
    return KafkaRefusals.refusesContent(e) || !(e instanceof KafkaException);
  }

  /** The classified fault of a poll Kafka refused. */
  static FeedFault fault(RuntimeException refusal) {
    if (KafkaRefusals.tooLarge(refusal)) {
      return new FeedFault(
          FaultKind.TOO_LARGE,
          "publish: a record of this poll is larger than Kafka accepts: " + refusal.getMessage(),
          refusal);
    }
    return new FeedFault(
        FaultKind.INTERNAL_ERROR, "publish: Kafka refused this poll: " + refusal, refusal);
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
}
