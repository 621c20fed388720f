package thesiswatch.dashboard.index;

import java.util.List;

/**
 * One page of search results.
 *
 * @param hits the articles on this page, in the requested order
 * @param total how many articles match in all
 * @param nextCursor pass back as {@code cursor} for the next page; null on the last page
 */
public record SearchPage(List<Hit> hits, long total, String nextCursor) {

  public SearchPage {
    hits = List.copyOf(hits);
  }

  /**
   * One result.
   *
   * @param article the article
   * @param score the relevance score, or null when sorted by time
   * @param title the title with query matches flagged
   * @param summary the best passage of the summary with query matches flagged (empty when there is none)
   */
  public record Hit(IndexedArticle article, Float score, List<Segment> title, List<Segment> summary) {
    public Hit {
      title = List.copyOf(title);
      summary = List.copyOf(summary);
    }
  }
}
