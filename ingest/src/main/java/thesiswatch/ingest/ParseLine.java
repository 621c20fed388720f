package thesiswatch.ingest;

import java.util.List;
import thesiswatch.ingest.parse.FeedEntry;
import thesiswatch.ingest.parse.FeedInfo;

/**
 * One line of {@code thesiswatch parse}: the input as given, and either the feed and its articles
 * or a classified error. Printed with {@code Json.write(line)}.
 *
 * @param file the file or URL as given
 * @param feed what the feed says about itself, or null on error
 * @param articles the entries ({@code id, guid, title, link, summary, published, lang}), empty on
 *     error
 * @param error null, or the classified error
 */
public record ParseLine(String file, FeedInfo feed, List<FeedEntry> articles, Error error) {

  /**
   * A classified failure.
   *
   * @param kind a stable key such as {@code not_a_feed} (see {@link
   *     thesiswatch.ingest.fault.FaultKind})
   * @param message what happened
   */
  public record Error(String kind, String message) {}

  public ParseLine {
    articles = articles == null ? List.of() : List.copyOf(articles);
  }
}
