package thesiswatch.ingest.kafka;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.Article;
import thesiswatch.common.FeedState;
import thesiswatch.common.Topics;
import thesiswatch.ingest.dedupe.StoryWindow;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.ingest.schedule.Poll;
import thesiswatch.ingest.schedule.PollScheduler;

/**
 * The publisher thread, {@code ingest-publisher}. At start it reads the stored feed state and
 * replays recent articles into the duplicate window, retrying while Kafka is unreachable, then
 * hands the feeds to the scheduler. From then on it drains the {@link Outbox}, commits up to
 * {@value #MAX_POLLS_PER_TRANSACTION} polls per transaction (articles and feed states together,
 * retried while Kafka is down), and after each commit records every feed's new state and hands its
 * next due time back to the scheduler.
 */
public final class PublishLoop {

  private static final Logger LOG = LoggerFactory.getLogger(PublishLoop.class);

  /** Most polls committed in one transaction. */
  static final int MAX_POLLS_PER_TRANSACTION = 32;

  /** First and longest pause between attempts while Kafka is unreachable. */
  private static final Duration KAFKA_RETRY_MIN = Duration.ofMillis(500);

  private static final Duration KAFKA_RETRY_MAX = Duration.ofSeconds(5);

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
  private final Meters meters;
  private final Clock clock;
  private final Thread thread;
  private volatile List<FeedSpec> feeds = List.of();
  private volatile boolean stopping;
  private volatile boolean abandon;

  /** Set once the feed state has been read from Kafka: the broker answered and polling began. */
  private volatile boolean resumed;

  /**
   * A loop committing through {@code publisher} the polls of {@code outbox}, recording states in
   * {@code states} (feed URL → state) and rescheduling feeds on {@code scheduler}. The thread's
   * unexpected death (an error no feed should cause) goes to {@code onDeath}.
   */
  public PublishLoop(
      Settings settings,
      ArticlePublisher publisher,
      Outbox outbox,
      StoryWindow window,
      Map<String, FeedState> states,
      PollScheduler scheduler,
      Meters meters,
      Clock clock,
      Thread.UncaughtExceptionHandler onDeath) {
    this.settings = settings;
    this.publisher = publisher;
    this.outbox = outbox;
    this.window = window;
    this.states = states;
    this.scheduler = scheduler;
    this.meters = meters;
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
          if (stopping && scheduler.pollsDone() && outbox.isEmpty()) {
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
              scheduler.schedule(poll.feed(), poll.state().nextPoll());
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
          FeedState state = stored.get(feed.url());
          if (state != null && feed.enabled()) {
            states.put(feed.url(), state);
            adopted++;
          }
        }
        LOG.info(
            "ingest: resumed state of {} feeds from {}", adopted, settings.topics().feedState());
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
        meters.published(articles.size());
        if (warned) {
          LOG.info("ingest: Kafka reachable again; published {} articles", articles.size());
        }
        return true;
      } catch (KafkaException e) {
        meters.publishFailure();
        if (!warned) {
          LOG.warn(
              "ingest: publish failed ({}); holding {} polls and retrying",
              e.getMessage(),
              batch.size());
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
}
