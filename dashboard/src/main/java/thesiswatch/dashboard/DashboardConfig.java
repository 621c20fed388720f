package thesiswatch.dashboard;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import thesiswatch.common.Env;
import thesiswatch.common.KafkaBootstrap;
import thesiswatch.common.Topics;

/**
 * Every setting of the dashboard, read once from the environment with a named default.
 *
 * @param bootstrapServers Kafka ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param topics topic names ({@code TOPIC_*})
 * @param host address the HTTP server binds ({@code DASHBOARD_HOST})
 * @param port HTTP port; 0 picks a free one ({@code DASHBOARD_PORT})
 * @param indexDir the Lucene index directory ({@code DASHBOARD_INDEX_DIR})
 * @param themesFile the themes file, for names, claims and directions ({@code THEMES_FILE})
 * @param commitInterval how often the index is committed with its offsets ({@code
 *     DASHBOARD_COMMIT_INTERVAL})
 * @param refreshInterval how often new documents become searchable ({@code
 *     DASHBOARD_REFRESH_INTERVAL})
 * @param searchesPerMinute searches (and CSV exports) per client address and minute, 0 for no limit
 *     ({@code DASHBOARD_SEARCHES_PER_MINUTE})
 * @param httpThreads most threads of the HTTP server's pool, acceptor and selector included ({@code
 *     DASHBOARD_HTTP_THREADS})
 * @param apiThreads threads doing the API's work, apart from the server's ({@code
 *     DASHBOARD_API_THREADS})
 * @param streamClients most live-update streams open at once ({@code DASHBOARD_STREAM_CLIENTS})
 * @param streamHeartbeat time between heartbeats on each stream ({@code
 *     DASHBOARD_STREAM_HEARTBEAT})
 * @param stallAfter time without progress, while records wait, after which the reader counts as
 *     stalled ({@code DASHBOARD_STALL_AFTER})
 * @param recoveryInterval time between attempts to reopen the index after a failed write ({@code
 *     DASHBOARD_RECOVERY_INTERVAL})
 * @param alerts spike alert rules and sinks; spikes are looked for before every commit
 * @param sampleData the data includes the bundled fictional sample feeds, and the page says so
 *     ({@code DASHBOARD_SAMPLE_DATA}; the demo sets it)
 */
public record DashboardConfig(
    String bootstrapServers,
    Topics topics,
    String host,
    int port,
    Path indexDir,
    Path themesFile,
    Duration commitInterval,
    Duration refreshInterval,
    int searchesPerMinute,
    int httpThreads,
    int apiThreads,
    int streamClients,
    Duration streamHeartbeat,
    Duration stallAfter,
    Duration recoveryInterval,
    AlertSettings alerts,
    boolean sampleData) {

  /** Default {@code DASHBOARD_PORT}. */
  public static final int DEFAULT_PORT = 8080;

  /** Default {@code DASHBOARD_HOST}: all interfaces, as a container needs. */
  public static final String DEFAULT_HOST = "0.0.0.0";

  /** Default {@code DASHBOARD_INDEX_DIR}. */
  public static final String DEFAULT_INDEX_DIR = "data/dashboard";

  /** Default {@code THEMES_FILE}. */
  public static final String DEFAULT_THEMES_FILE = "seeds/themes.yml";

  /** Default {@code DASHBOARD_COMMIT_INTERVAL}: a crash replays at most this much. */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(5);

  /**
   * Default {@code DASHBOARD_REFRESH_INTERVAL}: an article is searchable this soon after it is
   * read.
   */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMillis(200);

  /**
   * Default {@code DASHBOARD_SEARCHES_PER_MINUTE}: ten a second, far above what the page and CLI
   * need.
   */
  public static final int DEFAULT_SEARCHES_PER_MINUTE = 600;

  /**
   * Default {@code DASHBOARD_HTTP_THREADS}: requests are CPU work on a few cores, so a short pool
   * working a FIFO queue answers them in arrival order instead of time-slicing hundreds of threads;
   * Server-Sent Events clients hold no thread while they wait.
   */
  public static final int DEFAULT_HTTP_THREADS = 16;

  /**
   * Default {@code DASHBOARD_API_THREADS}: searches, exports and trends are CPU work, so a few
   * threads keep a few cores busy; more would only time-slice them. The server's own threads stay
   * free for health checks and metrics.
   */
  public static final int DEFAULT_API_THREADS = 4;

  /**
   * Default {@code DASHBOARD_STREAM_CLIENTS}: far more than the pages one dashboard serves, far
   * fewer than the file descriptors a process has.
   */
  public static final int DEFAULT_STREAM_CLIENTS = 256;

  /**
   * Default {@code DASHBOARD_STREAM_HEARTBEAT}: a client that went away is noticed within two
   * heartbeats, well inside the proxies' usual 60-second idle limits.
   */
  public static final Duration DEFAULT_STREAM_HEARTBEAT = Duration.ofSeconds(15);

  /**
   * Default {@code DASHBOARD_STALL_AFTER}: a healthy reader makes progress at every poll; two
   * minutes without any, while records wait, is a stall, not a slow batch.
   */
  public static final Duration DEFAULT_STALL_AFTER = Duration.ofMinutes(2);

  /** Default {@code DASHBOARD_RECOVERY_INTERVAL}: a full disk is retried every ten seconds. */
  public static final Duration DEFAULT_RECOVERY_INTERVAL = Duration.ofSeconds(10);

  /** Default {@code ALERT_GRANULARITIES}. */
  public static final String DEFAULT_ALERT_GRANULARITIES = "hour,day";

  /** Default {@code ALERT_BASELINE_PERIODS}: two weeks of days. */
  public static final int DEFAULT_ALERT_BASELINE_PERIODS = 14;

  /** Default {@code ALERT_MIN_COUNT}: fewer articles never page anyone. */
  public static final int DEFAULT_ALERT_MIN_COUNT = 5;

  /** Default {@code ALERT_MIN_RATIO}: the count must be this many times the baseline mean. */
  public static final double DEFAULT_ALERT_MIN_RATIO = 3.0;

  /**
   * Default {@code ALERT_MAX_P}: the Poisson tail probability (against the baseline's upper bound)
   * below which a count is a spike. With the minimum count and ratio this fires on the demo's
   * layoffs wave (6–8 a day against under 2) and, in simulation, on about 0.1–0.3 % of days of pure
   * Poisson noise.
   */
  public static final double DEFAULT_ALERT_MAX_P = 0.01;

  /**
   * Default {@code ALERT_COOLDOWN}: after an alert, the same theme and granularity stay quiet this
   * long.
   */
  public static final Duration DEFAULT_ALERT_COOLDOWN = Duration.ofHours(48);

  /** Default {@code ALERT_WEBHOOK_TIMEOUT}: per attempt, connect and response together. */
  public static final Duration DEFAULT_ALERT_WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

  /** Default {@code ALERT_WEBHOOK_ATTEMPTS}. */
  public static final int DEFAULT_ALERT_WEBHOOK_ATTEMPTS = 5;

  /** Default {@code ALERT_WEBHOOK_BACKOFF}: the first retry's delay, doubled each time. */
  public static final Duration DEFAULT_ALERT_WEBHOOK_BACKOFF = Duration.ofSeconds(1);

  /**
   * Spike alert rules and sinks.
   *
   * @param themes theme ids watched; empty means all ({@code ALERT_THEMES}, comma-separated)
   * @param granularities {@code hour} and/or {@code day} ({@code ALERT_GRANULARITIES})
   * @param baselinePeriods trailing periods the baseline is taken from ({@code
   *     ALERT_BASELINE_PERIODS})
   * @param minCount smallest count that can be a spike ({@code ALERT_MIN_COUNT})
   * @param minRatio smallest count / baseline mean ({@code ALERT_MIN_RATIO})
   * @param maxP largest Poisson tail probability ({@code ALERT_MAX_P})
   * @param cooldown quiet time per theme and granularity after an alert ({@code ALERT_COOLDOWN})
   * @param kafka publish alerts to the alerts topic ({@code ALERT_KAFKA})
   * @param webhookUrl where to POST alerts, or null ({@code ALERT_WEBHOOK_URL})
   * @param webhookAllowedHosts hosts allowed even though private or loopback ({@code
   *     ALERT_WEBHOOK_ALLOW_HOSTS})
   * @param webhookTimeout per attempt ({@code ALERT_WEBHOOK_TIMEOUT})
   * @param webhookAttempts attempts before giving up ({@code ALERT_WEBHOOK_ATTEMPTS})
   * @param webhookBackoff first retry delay ({@code ALERT_WEBHOOK_BACKOFF})
   */
  public record AlertSettings(
      List<String> themes,
      List<String> granularities,
      int baselinePeriods,
      int minCount,
      double minRatio,
      double maxP,
      Duration cooldown,
      boolean kafka,
      URI webhookUrl,
      List<String> webhookAllowedHosts,
      Duration webhookTimeout,
      int webhookAttempts,
      Duration webhookBackoff) {

    public AlertSettings {
      themes = List.copyOf(themes);
      granularities = List.copyOf(granularities);
      webhookAllowedHosts = List.copyOf(webhookAllowedHosts);
      for (String granularity : granularities) {
        if (!granularity.equals("hour") && !granularity.equals("day")) {
          throw new IllegalArgumentException(
              "invalid setting ALERT_GRANULARITIES: expected hour and/or day, not '"
                  + granularity
                  + "'");
        }
      }
    }
  }

  public DashboardConfig {
    if (stallAfter.compareTo(commitInterval) <= 0) {
      // Progress is what a commit makes durable: between commits there is none to see.
      throw new IllegalArgumentException(
          "invalid setting DASHBOARD_STALL_AFTER="
              + Env.format(stallAfter)
              + ": expected longer than DASHBOARD_COMMIT_INTERVAL ("
              + Env.format(commitInterval)
              + ")");
    }
  }

  /** The settings in {@code env}. */
  public static DashboardConfig from(Env env) {
    return new DashboardConfig(
        KafkaBootstrap.from(env),
        Topics.from(env),
        env.string("DASHBOARD_HOST", DEFAULT_HOST),
        env.integer("DASHBOARD_PORT", DEFAULT_PORT, 0, 65535),
        env.path("DASHBOARD_INDEX_DIR", DEFAULT_INDEX_DIR),
        env.path("THEMES_FILE", DEFAULT_THEMES_FILE),
        env.duration("DASHBOARD_COMMIT_INTERVAL", DEFAULT_COMMIT_INTERVAL, Duration.ofMillis(100)),
        env.duration("DASHBOARD_REFRESH_INTERVAL", DEFAULT_REFRESH_INTERVAL, Duration.ofMillis(10)),
        env.integer("DASHBOARD_SEARCHES_PER_MINUTE", DEFAULT_SEARCHES_PER_MINUTE, 0, 1_000_000),
        env.integer("DASHBOARD_HTTP_THREADS", DEFAULT_HTTP_THREADS, 8, 1_000),
        env.integer("DASHBOARD_API_THREADS", DEFAULT_API_THREADS, 1, 256),
        env.integer("DASHBOARD_STREAM_CLIENTS", DEFAULT_STREAM_CLIENTS, 1, 100_000),
        env.duration("DASHBOARD_STREAM_HEARTBEAT", DEFAULT_STREAM_HEARTBEAT, Duration.ofMillis(10)),
        env.duration("DASHBOARD_STALL_AFTER", DEFAULT_STALL_AFTER, Duration.ofMillis(100)),
        env.duration(
            "DASHBOARD_RECOVERY_INTERVAL", DEFAULT_RECOVERY_INTERVAL, Duration.ofMillis(10)),
        new AlertSettings(
            list(env.string("ALERT_THEMES", "")),
            list(env.string("ALERT_GRANULARITIES", DEFAULT_ALERT_GRANULARITIES)),
            env.integer("ALERT_BASELINE_PERIODS", DEFAULT_ALERT_BASELINE_PERIODS, 3, 1000),
            env.integer("ALERT_MIN_COUNT", DEFAULT_ALERT_MIN_COUNT, 1, 1_000_000),
            env.decimal("ALERT_MIN_RATIO", DEFAULT_ALERT_MIN_RATIO, 1.0, 1000.0),
            env.decimal("ALERT_MAX_P", DEFAULT_ALERT_MAX_P, 1e-12, 0.5),
            env.duration("ALERT_COOLDOWN", DEFAULT_ALERT_COOLDOWN, Duration.ZERO),
            env.bool("ALERT_KAFKA", true),
            webhook(env.string("ALERT_WEBHOOK_URL", null)),
            list(env.string("ALERT_WEBHOOK_ALLOW_HOSTS", "")),
            env.duration(
                "ALERT_WEBHOOK_TIMEOUT", DEFAULT_ALERT_WEBHOOK_TIMEOUT, Duration.ofMillis(100)),
            env.integer("ALERT_WEBHOOK_ATTEMPTS", DEFAULT_ALERT_WEBHOOK_ATTEMPTS, 1, 20),
            env.duration(
                "ALERT_WEBHOOK_BACKOFF", DEFAULT_ALERT_WEBHOOK_BACKOFF, Duration.ofMillis(1))),
        env.bool("DASHBOARD_SAMPLE_DATA", false));
  }

  private static List<String> list(String text) {
    return Arrays.stream(text.split(","))
        .map(s -> s.strip().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static URI webhook(String value) {
    if (value == null) {
      return null;
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException(
        "invalid setting ALERT_WEBHOOK_URL='" + value + "': expected an http or https URL");
  }
}
