package thesiswatch.dashboard.index;

import java.util.List;

/**
 * One page of search results.
 *
 * @param hits the articles on this page, in the requested order
 * @param total how many articles match in all, or at least, when {@code totalExact} is false
 * @param totalExact whether {@code total} is exact rather than a lower bound (counting stops at
 *     {@link ArticleIndex#EXACT_TOTAL_UP_TO} hits when the index cannot count without visiting
 *     them)
 * @param nextCursor pass back as {@code cursor} for the next page; null on the last page
 */
public record SearchPage(List<Hit> hits, long total, boolean totalExact, String nextCursor) {

  public SearchPage {
    hits = List.copyOf(hits);
  }

  /**
   * One result.
   *
   * @param article the article
   * @param score the relevance score, or null when sorted by time
   * @param title the title with query matches flagged
   * @param summary the best passage of the summary with query matches flagged (empty when there is
   *     none)
   */
  public record Hit(
      IndexedArticle article, Float score, List<Segment> title, List<Segment> summary) {
    public Hit {
      title = List.copyOf(title);
      summary = List.copyOf(summary);
    }
  }
}
