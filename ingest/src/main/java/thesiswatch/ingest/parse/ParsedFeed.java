package thesiswatch.ingest.parse;

import java.util.List;

/**
 * A parsed feed: its own description and its entries in document order, duplicates (same id)
 * removed, at most the entry cap.
 *
 * @param feed what the feed says about itself
 * @param entries the entries
 */
public record ParsedFeed(FeedInfo feed, List<FeedEntry> entries) {

  public ParsedFeed {
    entries = List.copyOf(entries);
  }
}
