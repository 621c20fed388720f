package thesiswatch.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import thesiswatch.common.Env;
import thesiswatch.common.KafkaBootstrap;
import thesiswatch.common.Topics;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.ingest.fetch.FetchLimits;
import thesiswatch.ingest.limits.RecordLimits;
import thesiswatch.ingest.parse.FeedParser;

/**
 * Every setting of the ingest service, read from environment variables with named defaults.
 *
 * @param bootstrapServers Kafka ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param topics topic names ({@code TOPIC_*})
 * @param feedsFile the OPML feed list ({@code FEEDS_FILE})
 * @param pollInterval default poll interval per feed ({@code INGEST_POLL_INTERVAL}); an outline's
 *     {@code interval} overrides it
 * @param startupSpread first polls are spread evenly over this window ({@code
 *     INGEST_STARTUP_SPREAD})
 * @param allowPrivate {@code host} or {@code host:port} entries exempt from the SSRF guard ({@code
 *     INGEST_ALLOW_PRIVATE}, comma-separated)
 * @param connectTimeout ({@code INGEST_CONNECT_TIMEOUT})
 * @param fetchTimeout whole fetch, body included ({@code INGEST_FETCH_TIMEOUT})
 * @param maxBodyBytes body cap after decompression ({@code INGEST_MAX_BODY_BYTES})
 * @param maxRedirects redirect hops followed ({@code INGEST_MAX_REDIRECTS})
 * @param maxEntries entries kept per feed and poll ({@code INGEST_MAX_ENTRIES})
 * @param fetchThreads concurrent fetches overall ({@code INGEST_FETCH_THREADS})
 * @param perHostConcurrency concurrent fetches per host ({@code INGEST_PER_HOST})
 * @param backoffBase first retry delay after a failure ({@code INGEST_BACKOFF_BASE}), doubled per
 *     failure
 * @param backoffMax longest retry delay ({@code INGEST_BACKOFF_MAX}); failing feeds are retried at
 *     least this often, never abandoned
 * @param seenIdsPerFeed article ids remembered per feed to skip re-published items ({@code
 *     INGEST_SEEN_IDS}), at most {@link RecordLimits#MAX_SEEN_IDS} so that a feed state always fits
 *     one Kafka record
 * @param dedupeWindow how long a story is remembered to catch it in other feeds ({@code
 *     INGEST_DEDUPE_WINDOW})
 * @param dedupeMaxStories most stories remembered for that, whatever the window ({@code
 *     INGEST_DEDUPE_MAX_STORIES})
 * @param bufferPolls polls waiting for Kafka before fetchers block ({@code INGEST_BUFFER_POLLS})
 * @param transactionalId the Kafka transactional id of this instance ({@code
 *     INGEST_TRANSACTIONAL_ID})
 * @param userAgent sent with every request ({@code INGEST_USER_AGENT})
 * @param closeTimeout how long {@code close()} waits for in-flight work ({@code
 *     INGEST_CLOSE_TIMEOUT})
 * @param kafkaBlock how long one Kafka call may block while the broker is away before it is retried
 *     ({@code INGEST_KAFKA_BLOCK}, the producer's {@code max.block.ms})
 * @param stallAfter polls waiting for a commit this long, with none made, are a stall: {@code
 *     /ready} false and {@code thesiswatch_ingest_stalled} 1 ({@code INGEST_STALL_AFTER})
 */
public record IngestConfig(
    String bootstrapServers,
    Topics topics,
    Path feedsFile,
    Duration pollInterval,
    Duration startupSpread,
    Set<String> allowPrivate,
    Duration connectTimeout,
    Duration fetchTimeout,
    long maxBodyBytes,
    int maxRedirects,
    int maxEntries,
    int fetchThreads,
    int perHostConcurrency,
    Duration backoffBase,
    Duration backoffMax,
    int seenIdsPerFeed,
    Duration dedupeWindow,
    int dedupeMaxStories,
    int bufferPolls,
    String transactionalId,
    String userAgent,
    Duration closeTimeout,
    Duration kafkaBlock,
    Duration stallAfter) {

  /** Default feed list. */
  public static final String DEFAULT_FEEDS_FILE = "seeds/feeds.opml";

  /** Default poll interval: news feeds rarely change faster, and publishers ask for politeness. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(15);

  /** Default window the first polls are spread over. */
  public static final Duration DEFAULT_STARTUP_SPREAD = Duration.ofSeconds(10);

  /** Default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default whole-fetch deadline (Miniflux uses 20 s). */
  public static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofSeconds(20);

  /** Default body cap: 10 MiB, far above any real feed. */
  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

  /** Default redirect hops. */
  public static final int DEFAULT_MAX_REDIRECTS = 5;

  /** Default fetch threads. */
  public static final int DEFAULT_FETCH_THREADS = 8;

  /** Default concurrent fetches per host. */
  public static final int DEFAULT_PER_HOST = 2;

  /** Default first backoff. */
  public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMinutes(1);

  /** Default backoff cap. */
  public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofHours(6);

  /**
   * Default seen ids per feed: the entry cap, so a full feed never looks new; about 33 MiB of heap
   * for 1,000 feeds with full windows (docs/benchmarks.md (Ingest)).
   */
  public static final int DEFAULT_SEEN_IDS = FeedParser.DEFAULT_MAX_ENTRIES;

  /** Default cross-feed duplicate window. */
  public static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofHours(48);

  /** Default stories remembered: two days of 1,000 busy feeds at roughly 1 KiB each. */
  public static final int DEFAULT_DEDUPE_MAX_STORIES = 20_000;

  /** Default polls buffered while Kafka is slow or down. */
  public static final int DEFAULT_BUFFER_POLLS = 64;

  /** Default transactional id. */
  public static final String DEFAULT_TRANSACTIONAL_ID = "thesiswatch-ingest";

  /** Default User-Agent. */
  public static final String DEFAULT_USER_AGENT = "thesiswatch-ingest/0.1 (news feed reader)";

  /** Default close timeout. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /** Default bound on one blocking Kafka call. */
  public static final Duration DEFAULT_KAFKA_BLOCK = Duration.ofSeconds(10);

  /** Default stall time: a broker restart passes well within it, a stuck publisher does not. */
  public static final Duration DEFAULT_STALL_AFTER = Duration.ofMinutes(5);

  public IngestConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrap servers must not be null");
    Objects.requireNonNull(topics, "topics must not be null");
    Objects.requireNonNull(feedsFile, "feeds file must not be null");
    Objects.requireNonNull(stallAfter, "stall time must not be null");
    allowPrivate = Set.copyOf(allowPrivate);
  }

  /** The settings from {@code env}. */
  public static IngestConfig from(Env env) {
    return new IngestConfig(
        KafkaBootstrap.from(env),
        Topics.from(env),
        env.path("FEEDS_FILE", DEFAULT_FEEDS_FILE),
        env.duration(
            "INGEST_POLL_INTERVAL",
            DEFAULT_POLL_INTERVAL,
            FeedSpec.MIN_INTERVAL,
            FeedSpec.MAX_INTERVAL),
        env.duration("INGEST_STARTUP_SPREAD", DEFAULT_STARTUP_SPREAD, Duration.ZERO),
        Arrays.stream(env.string("INGEST_ALLOW_PRIVATE", "").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet()),
        env.duration("INGEST_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT, Duration.ofMillis(50)),
        env.duration("INGEST_FETCH_TIMEOUT", DEFAULT_FETCH_TIMEOUT, Duration.ofMillis(50)),
        env.integer(
            "INGEST_MAX_BODY_BYTES", (int) DEFAULT_MAX_BODY_BYTES, 1024, Integer.MAX_VALUE - 8),
        env.integer("INGEST_MAX_REDIRECTS", DEFAULT_MAX_REDIRECTS, 0, 20),
        env.integer("INGEST_MAX_ENTRIES", FeedParser.DEFAULT_MAX_ENTRIES, 1, 100_000),
        env.integer("INGEST_FETCH_THREADS", DEFAULT_FETCH_THREADS, 1, 256),
        env.integer("INGEST_PER_HOST", DEFAULT_PER_HOST, 1, 16),
        env.duration("INGEST_BACKOFF_BASE", DEFAULT_BACKOFF_BASE, Duration.ofMillis(10)),
        env.duration("INGEST_BACKOFF_MAX", DEFAULT_BACKOFF_MAX, Duration.ofMillis(10)),
        env.integer("INGEST_SEEN_IDS", DEFAULT_SEEN_IDS, 10, RecordLimits.MAX_SEEN_IDS),
        env.duration("INGEST_DEDUPE_WINDOW", DEFAULT_DEDUPE_WINDOW, Duration.ZERO),
        env.integer("INGEST_DEDUPE_MAX_STORIES", DEFAULT_DEDUPE_MAX_STORIES, 1, 10_000_000),
        env.integer("INGEST_BUFFER_POLLS", DEFAULT_BUFFER_POLLS, 1, 100_000),
        env.string("INGEST_TRANSACTIONAL_ID", DEFAULT_TRANSACTIONAL_ID),
        env.string("INGEST_USER_AGENT", DEFAULT_USER_AGENT),
        env.duration("INGEST_CLOSE_TIMEOUT", DEFAULT_CLOSE_TIMEOUT, Duration.ofMillis(100)),
        env.duration("INGEST_KAFKA_BLOCK", DEFAULT_KAFKA_BLOCK, Duration.ofMillis(500)),
        env.duration("INGEST_STALL_AFTER", DEFAULT_STALL_AFTER, Duration.ofSeconds(1)));
  }

  /** The fetch limits these settings describe. */
  public FetchLimits fetchLimits() {
    return new FetchLimits(connectTimeout, fetchTimeout, maxBodyBytes, maxRedirects, userAgent);
  }
}
