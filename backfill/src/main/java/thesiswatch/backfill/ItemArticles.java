package thesiswatch.backfill;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import thesiswatch.common.Article;
import thesiswatch.common.Json;
import thesiswatch.ingest.FeedPoller;
import thesiswatch.ingest.fault.FeedFault;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.ingest.parse.FeedParser;
import thesiswatch.ingest.parse.ParsedFeed;

/**
 * Makes articles of items found outside feeds by handing each to ingest's own parser as a one-item
 * JSON Feed, so a page or an export row gets exactly the rules a feed entry gets: plain text,
 * length caps, canonical link, sane date, language and id. One place decides what an article is;
 * this class only speaks its input format.
 */
public final class ItemArticles {

  private static final String JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

  private final FeedParser parser = new FeedParser(1);
  private final Clock clock;

  /** Articles fetched at the time of {@code clock}. */
  public ItemArticles(Clock clock) {
    this.clock = clock;
  }

  /**
   * The article of {@code item} (none when it has no usable title), its published time checked
   * against {@code capturedOrNow}.
   *
   * @throws FeedFault when ingest's parser refuses the item
   */
  public List<Article> articles(RawItem item, Instant capturedOrNow) throws FeedFault {
    ObjectNode feed = Json.MAPPER.createObjectNode();
    feed.put("version", JSON_FEED_VERSION);
    putIfPresent(feed, "title", item.outletName());
    putIfPresent(feed, "home_page_url", item.outletUrl());
    putIfPresent(feed, "language", item.lang());
    ArrayNode items = feed.putArray("items");
    ObjectNode entry = items.addObject();
    putIfPresent(entry, "id", item.guid());
    putIfPresent(entry, "url", item.link());
    putIfPresent(entry, "title", item.title());
    putIfPresent(entry, "content_text", item.summary());
    putIfPresent(entry, "date_published", item.published());
    putIfPresent(entry, "language", item.lang());
    ParsedFeed parsed =
        parser.parse(
            Json.bytes(feed),
            "application/feed+json",
            item.link() != null ? item.link() : item.outletUrl(),
            item.lang(),
            capturedOrNow);
    FeedSpec outlet =
        new FeedSpec(item.outletUrl(), item.outletName(), null, item.lang(), null, null, true);
    return FeedPoller.articles(outlet, parsed, clock.instant());
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null && !value.isBlank()) {
      node.put(field, value);
    }
  }
}
