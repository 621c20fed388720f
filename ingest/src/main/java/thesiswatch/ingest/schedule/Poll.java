package thesiswatch.ingest.schedule;

import java.time.Instant;
import java.util.List;
import thesiswatch.common.Article;
import thesiswatch.common.FeedState;
import thesiswatch.ingest.feeds.FeedSpec;

/**
 * One finished poll of one feed, on its way from the fetch thread through the outbox to Kafka: what
 * to publish and the feed's state after it. Nothing of it counts until it is committed.
 *
 * @param feed the feed polled
 * @param articles the articles to publish (new stories and updates), often none
 * @param state the feed's state after the poll; its {@code nextPoll} is when the feed is due again
 *     (null: never, e.g. after HTTP 410)
 * @param hostRestUntil no request to the feed's host before this, as the server asked ({@code
 *     Retry-After}); null when it did not
 */
public record Poll(FeedSpec feed, List<Article> articles, FeedState state, Instant hostRestUntil) {

  public Poll {
    articles = List.copyOf(articles);
  }
}
