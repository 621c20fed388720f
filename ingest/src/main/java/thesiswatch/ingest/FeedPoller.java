package thesiswatch.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.Article;
import thesiswatch.common.FeedState;
import thesiswatch.ingest.dedupe.StoryWindow;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.ingest.kafka.PublishLoop;
import thesiswatch.ingest.limits.RecordLimits;
import thesiswatch.ingest.parse.FeedEntry;
import thesiswatch.ingest.parse.ParsedFeed;
import thesiswatch.ingest.schedule.FeedStates;
import thesiswatch.ingest.schedule.Poll;
import thesiswatch.ingest.schedule.Relocations;

/**
 * One poll of one feed: fetch and parse ({@link FeedReader}), the entries as articles ({@link
 * #articles}), the duplicate check ({@link StoryWindow}), and the feed's next state ({@link
 * FeedStates}) — the {@link Poll} that is then committed. No Kafka and no threads of its own: it
 * runs on whichever thread calls it, and several may call it at once for different feeds. Never
 * throws for a feed's failure, nor for a bug or a JVM error (a {@code StackOverflowError} deep in a
 * library) in one feed's handling: every one ends in a classified failed poll, so one feed cannot
 * stop the others and no poll is ever lost.
 *
 * <p>It also holds the rules the publisher needs from it ({@link PublishLoop.FeedRules}): how a
 * stored state is resumed, and what a poll that Kafka refused becomes.
 */
public final class FeedPoller implements PublishLoop.FeedRules, AutoCloseable {

  /** Fetches and parses one feed: a {@link FeedReader}, or a stand-in in tests. */
  @FunctionalInterface
  public interface Source {
    /** See {@link FeedReader#read}. */
    FeedReader.Result read(
        String url, String langHint, String etag, String lastModified, String previousDigest)
        throws FeedFault;
  }

  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);

  private final Source reader;
  private final AutoCloseable resources;
  private final FeedStates rules;
  private final StoryWindow window;
  private final Duration pollInterval;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final Relocations relocations = new Relocations();

  /** Last body digest per feed, in memory: an unchanged body is not parsed again. */
  private final Map<String, String> bodyDigests = new ConcurrentHashMap<>();

  /**
   * A poller with the fetch limits, intervals and backoff of {@code config}, admitting articles
   * through {@code window}; "now" comes from {@code clock}.
   */
  public FeedPoller(IngestConfig config, StoryWindow window, IngestMetrics metrics, Clock clock) {
    this(new FeedReader(config, clock), config, window, metrics, clock);
  }

  /** A poller reading feeds through {@code reader}, with the other settings of {@code config}. */
  public FeedPoller(
      Source reader, IngestConfig config, StoryWindow window, IngestMetrics metrics, Clock clock) {
    this(reader, () -> {}, config, window, metrics, clock);
  }

  private FeedPoller(
      FeedReader reader,
      IngestConfig config,
      StoryWindow window,
      IngestMetrics metrics,
      Clock clock) {
    this(reader::read, reader, config, window, metrics, clock);
  }

  private FeedPoller(
      Source reader,
      AutoCloseable resources,
      IngestConfig config,
      StoryWindow window,
      IngestMetrics metrics,
      Clock clock) {
    this.reader = reader;
    this.resources = resources;
    this.rules = new FeedStates(config.backoffBase(), config.backoffMax(), config.seenIdsPerFeed());
    this.window = window;
    this.pollInterval = config.pollInterval();
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Polls {@code feed}, whose state is {@code before}: what to publish and its state after. */
  public Poll poll(FeedSpec feed, FeedState before) {
    Duration configured = feed.interval() != null ? feed.interval() : pollInterval;
    Duration interval = FeedStates.jittered(configured, feed.url());
    try {
      FeedReader.Result result =
          reader.read(
              relocations.fetchUrl(feed.url()),
              feed.language(),
              before.etag(),
              before.lastModified(),
              bodyDigests.get(feed.url()));
      relocations.observe(feed.url(), result.fetch().finalUrl(), result.fetch().movedPermanently());
      if (result.digest() != null) {
        bodyDigests.put(feed.url(), result.digest());
      }
      return result.feed() == null
          ? notModified(feed, before, result, interval)
          : fetched(feed, before, result, interval);
    } catch (FeedFault fault) {
      return failed(feed, before, fault);
    } catch (Throwable e) {
      // Whatever one feed's handling throws, even an Error from deep inside a library, is that
      // feed's failure: the poll still ends, the feed is retried with backoff, the others go on.
      LOG.error("ingest: unexpected failure feed_url={}", feed.url(), e);
      return failed(feed, before, internal(e));
    }
  }

  /** The fault for an unexpected throwable: kind {@code internal_error}, naming its class. */
  static FeedFault internal(Throwable e) {
    return new FeedFault(FaultKind.INTERNAL_ERROR, "ingest: unexpected " + e, e);
  }

  @Override
  public FeedState resume(String url, FeedState stored) {
    FeedState resumed = rules.resumed(url, stored, clock.instant());
    if (resumed == null && stored != null) {
      LOG.warn(
          "ingest: ignoring stored state keyed feed_url={} that names another feed {}",
          url,
          stored.url());
    }
    return resumed;
  }

  @Override
  public Poll refused(Poll poll, FeedState before, FeedFault fault) {
    // The refused body is parsed again next time and its articles are offered again: otherwise
    // the body would pass for unchanged, and its stories for ones already published.
    bodyDigests.remove(poll.feed().url());
    window.forget(poll.articles());
    return failed(poll.feed(), before, fault);
  }

  /**
   * The articles of {@code parsed}, read from {@code feed} at {@code fetched}: every entry with a
   * title, under the feed's own title (else the feed list's). Before the duplicate check.
   */
  public static List<Article> articles(FeedSpec feed, ParsedFeed parsed, Instant fetched) {
    String feedTitle = feedTitle(feed, parsed);
    List<Article> articles = new ArrayList<>();
    for (FeedEntry entry : parsed.entries()) {
      if (entry.hasTitle()) {
        articles.add(entry.toArticle(fetched, feed.url(), feedTitle));
      }
    }
    return articles;
  }

  private static String feedTitle(FeedSpec feed, ParsedFeed parsed) {
    String title = parsed.feed().title() != null ? parsed.feed().title() : feed.title();
    return RecordLimits.cap(title, RecordLimits.MAX_FEED_TITLE_CHARS);
  }

  private Poll notModified(
      FeedSpec feed, FeedState before, FeedReader.Result result, Duration interval) {
    metrics.poll("not_modified", "none");
    return new Poll(
        feed,
        List.of(),
        rules.afterNotModified(
            before,
            result.fetch().etag(),
            result.fetch().lastModified(),
            result.fetched(),
            interval),
        null);
  }

  private Poll fetched(
      FeedSpec feed, FeedState before, FeedReader.Result result, Duration interval) {
    List<Article> articles = articles(feed, result.feed(), result.fetched());
    StoryWindow.Admission admission =
        window.admit(articles, new HashSet<>(before.seenIds()), result.fetched());
    metrics.poll("ok", "none");
    metrics.duplicates("feed", admission.repeated());
    metrics.duplicates("cross_feed", admission.crossFeed());
    if (FeedState.FAILING.equals(before.status())) {
      LOG.info(
          "ingest: feed recovered feed_url={} after {} failures",
          feed.url(),
          before.consecutiveErrors());
    }
    List<String> ids = articles.stream().map(Article::id).toList();
    FeedState after =
        rules.afterSuccess(
            before,
            feedTitle(feed, result.feed()),
            result.fetch().etag(),
            result.fetch().lastModified(),
            result.fetched(),
            interval,
            ids);
    return new Poll(feed, admission.toPublish(), after, null);
  }

  private Poll failed(FeedSpec feed, FeedState before, FeedFault fault) {
    Instant now = clock.instant();
    FeedState after = rules.afterFailure(before, fault, now);
    metrics.poll("failed", fault.kind().key());
    // Logged once per change of kind, so a feed failing every poll does not flood the log.
    if (!fault.kind().key().equals(before.lastErrorKind())) {
      LOG.warn(
          "ingest: feed failing feed_url={} kind={} message={} next_poll={}",
          feed.url(),
          fault.kind().key(),
          fault.getMessage(),
          after.nextPoll());
    } else {
      LOG.debug(
          "ingest: feed still failing feed_url={} kind={} errors={}",
          feed.url(),
          fault.kind().key(),
          after.consecutiveErrors());
    }
    // The server's Retry-After holds back the whole host, not only this feed.
    return new Poll(feed, List.of(), after, fault.retryAfter() != null ? after.nextPoll() : null);
  }

  /** Closes the reader's connections. */
  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception e) {
      LOG.warn("ingest: closing the feed reader failed: {}", e.toString());
    }
  }
}
