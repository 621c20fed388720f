package thesiswatch.common;

import java.util.Map;

/**
 * The Kafka topics of the pipeline. Names are contracts; each can be renamed by its variable.
 *
 * @param articles ingest → classifier ({@code TOPIC_ARTICLES}, default {@code articles})
 * @param tagged classifier → dashboard ({@code TOPIC_TAGGED}, default {@code articles.tagged})
 * @param feedState compacted per-feed fetch state of ingest ({@code TOPIC_FEED_STATE}, default
 *     {@code feed-state})
 * @param alerts spike alerts from the dashboard ({@code TOPIC_ALERTS}, default {@code
 *     theme-alerts})
 * @param claimVerdicts the scorecard's track record, append-only ({@code TOPIC_CLAIM_VERDICTS},
 *     default {@code claim-verdicts})
 * @param backfillState compacted progress of every backfill ({@code TOPIC_BACKFILL_STATE}, default
 *     {@code backfill-state})
 */
public record Topics(
    String articles,
    String tagged,
    String feedState,
    String alerts,
    String claimVerdicts,
    String backfillState) {

  /** Default name of the articles topic. */
  public static final String ARTICLES = "articles";

  /** Default name of the tagged articles topic. */
  public static final String TAGGED = "articles.tagged";

  /** Default name of the feed state topic. */
  public static final String FEED_STATE = "feed-state";

  /** Default name of the alerts topic. */
  public static final String ALERTS = "theme-alerts";

  /** Default name of the claim verdicts topic. */
  public static final String CLAIM_VERDICTS = "claim-verdicts";

  /** Default name of the backfill progress topic. */
  public static final String BACKFILL_STATE = "backfill-state";

  /** Suffix of a topic's dead-letter topic. */
  public static final String DLQ_SUFFIX = ".dlq";

  /** The default names. */
  public static final Topics DEFAULTS =
      new Topics(ARTICLES, TAGGED, FEED_STATE, ALERTS, CLAIM_VERDICTS, BACKFILL_STATE);

  public Topics {
    Article.requireText(articles, "articles topic");
    Article.requireText(tagged, "tagged topic");
    Article.requireText(feedState, "feed state topic");
    Article.requireText(alerts, "alerts topic");
    Article.requireText(claimVerdicts, "claim verdicts topic");
    Article.requireText(backfillState, "backfill state topic");
  }

  /** These names with the default claim verdicts and backfill state topics. */
  public Topics(String articles, String tagged, String feedState, String alerts) {
    this(articles, tagged, feedState, alerts, CLAIM_VERDICTS, BACKFILL_STATE);
  }

  /** Topic names from {@code env}. */
  public static Topics from(Env env) {
    return new Topics(
        env.string("TOPIC_ARTICLES", ARTICLES),
        env.string("TOPIC_TAGGED", TAGGED),
        env.string("TOPIC_FEED_STATE", FEED_STATE),
        env.string("TOPIC_ALERTS", ALERTS),
        env.string("TOPIC_CLAIM_VERDICTS", CLAIM_VERDICTS),
        env.string("TOPIC_BACKFILL_STATE", BACKFILL_STATE));
  }

  /**
   * These names as the environment variables {@link #from} reads, e.g. to configure a child
   * process.
   */
  public Map<String, String> variables() {
    return Map.of(
        "TOPIC_ARTICLES", articles,
        "TOPIC_TAGGED", tagged,
        "TOPIC_FEED_STATE", feedState,
        "TOPIC_ALERTS", alerts,
        "TOPIC_CLAIM_VERDICTS", claimVerdicts,
        "TOPIC_BACKFILL_STATE", backfillState);
  }

  /** The dead-letter topic of {@code topic}. */
  public static String dlq(String topic) {
    return topic + DLQ_SUFFIX;
  }
}
