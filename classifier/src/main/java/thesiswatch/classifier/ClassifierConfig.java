package thesiswatch.classifier;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import thesiswatch.common.Env;
import thesiswatch.common.KafkaBootstrap;
import thesiswatch.common.Topics;

/**
 * Every setting of the classifier, each from an environment variable with a named default.
 *
 * @param bootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param topics {@code TOPIC_ARTICLES}, {@code TOPIC_TAGGED} ... (see {@link Topics})
 * @param themesFile {@code THEMES_FILE}, default {@value #DEFAULT_THEMES_FILE}
 * @param groupId {@code CLASSIFIER_GROUP_ID}, default {@value #DEFAULT_GROUP_ID}
 * @param transactionalId {@code CLASSIFIER_TRANSACTIONAL_ID}, default {@code classifier-$HOSTNAME}:
 *     stable per instance so that a restarted instance fences its own zombie, distinct between
 *     scaled instances so that they do not fence each other
 * @param themesReload {@code CLASSIFIER_THEMES_RELOAD}: how often the themes file is checked for
 *     changes, default {@link #DEFAULT_THEMES_RELOAD}
 * @param batchSize {@code CLASSIFIER_BATCH_SIZE}: most articles per poll and transaction, default
 *     {@value #DEFAULT_BATCH_SIZE}
 * @param pollTimeout {@code CLASSIFIER_POLL_TIMEOUT}: longest wait for articles before checking for
 *     stop and themes changes, default {@link #DEFAULT_POLL_TIMEOUT}
 * @param transactionTimeout {@code CLASSIFIER_TRANSACTION_TIMEOUT}: after this the broker aborts an
 *     open transaction of a dead instance, unblocking {@code read_committed} readers; default
 *     {@link #DEFAULT_TRANSACTION_TIMEOUT}
 * @param closeTimeout {@code CLASSIFIER_CLOSE_TIMEOUT}: how long {@code close()} waits for the open
 *     batch to commit, default {@link #DEFAULT_CLOSE_TIMEOUT}
 * @param stallAfter {@code CLASSIFIER_STALL_AFTER}: a batch aborted and waiting to be read again
 *     with no commit for this long is a stall ({@code /ready} false, {@code
 *     thesiswatch_classifier_stalled} 1), default {@link #DEFAULT_STALL_AFTER}
 */
public record ClassifierConfig(
    String bootstrapServers,
    Topics topics,
    Path themesFile,
    String groupId,
    String transactionalId,
    Duration themesReload,
    int batchSize,
    Duration pollTimeout,
    Duration transactionTimeout,
    Duration closeTimeout,
    Duration stallAfter) {

  /** Default themes file, relative to the working directory (the repository root). */
  public static final String DEFAULT_THEMES_FILE = "seeds/themes.yml";

  /** Default consumer group: all instances share the partitions of {@code articles}. */
  public static final String DEFAULT_GROUP_ID = "classifier";

  /** Prefix of the default transactional id; the host name follows. */
  public static final String TRANSACTIONAL_ID_PREFIX = "classifier-";

  /** Host name used in the default transactional id when {@code HOSTNAME} is unset. */
  public static final String DEFAULT_HOSTNAME = "local";

  /** Default themes-file check interval. */
  public static final Duration DEFAULT_THEMES_RELOAD = Duration.ofSeconds(10);

  /**
   * Default batch: small enough that one poll is tagged well within {@code max.poll.interval.ms},
   * large enough that a transaction's fixed cost is spread over many articles.
   */
  public static final int DEFAULT_BATCH_SIZE = 200;

  /** Default poll timeout. */
  public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);

  /** Default transaction timeout: short, since a hung transaction blocks read_committed readers. */
  public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(30);

  /** Default close timeout. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(15);

  /**
   * Default stall time: long enough for a broker restart and a rebalance, short enough that a
   * partition retried for ever is reported within minutes.
   */
  public static final Duration DEFAULT_STALL_AFTER = Duration.ofMinutes(5);

  public ClassifierConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrap servers must not be null");
    Objects.requireNonNull(topics, "topics must not be null");
    Objects.requireNonNull(themesFile, "themes file must not be null");
    Objects.requireNonNull(groupId, "group id must not be null");
    Objects.requireNonNull(transactionalId, "transactional id must not be null");
    Objects.requireNonNull(themesReload, "themes reload interval must not be null");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
    }
    Objects.requireNonNull(pollTimeout, "poll timeout must not be null");
    Objects.requireNonNull(transactionTimeout, "transaction timeout must not be null");
    Objects.requireNonNull(closeTimeout, "close timeout must not be null");
    Objects.requireNonNull(stallAfter, "stall time must not be null");
  }

  /** The settings from {@code env}; a bad value fails with the variable's name. */
  public static ClassifierConfig from(Env env) {
    return new ClassifierConfig(
        KafkaBootstrap.from(env),
        Topics.from(env),
        env.path("THEMES_FILE", DEFAULT_THEMES_FILE),
        env.string("CLASSIFIER_GROUP_ID", DEFAULT_GROUP_ID),
        env.string(
            "CLASSIFIER_TRANSACTIONAL_ID",
            TRANSACTIONAL_ID_PREFIX + env.string("HOSTNAME", DEFAULT_HOSTNAME)),
        env.duration("CLASSIFIER_THEMES_RELOAD", DEFAULT_THEMES_RELOAD, Duration.ofMillis(100)),
        env.integer("CLASSIFIER_BATCH_SIZE", DEFAULT_BATCH_SIZE, 1, 10_000),
        env.duration("CLASSIFIER_POLL_TIMEOUT", DEFAULT_POLL_TIMEOUT, Duration.ofMillis(10)),
        env.duration(
            "CLASSIFIER_TRANSACTION_TIMEOUT", DEFAULT_TRANSACTION_TIMEOUT, Duration.ofSeconds(1)),
        env.duration("CLASSIFIER_CLOSE_TIMEOUT", DEFAULT_CLOSE_TIMEOUT, Duration.ofMillis(100)),
        env.duration("CLASSIFIER_STALL_AFTER", DEFAULT_STALL_AFTER, Duration.ofSeconds(1)));
  }
}
