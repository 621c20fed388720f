package thesiswatch.dashboard.index;

/**
 * A search over the index.
 *
 * @param text the search-box text, or null/blank for all articles
 * @param filter structured filters
 * @param limit page size in {@code [1, MAX_LIMIT]}
 * @param cursor the previous page's {@code nextCursor}, or null for the first page
 * @param order newest first or most relevant first
 */
public record SearchRequest(
    String text, ArticleFilter filter, int limit, String cursor, Order order) {

  /** Largest page size: deeper reading goes through the cursor, never a huge page. */
  public static final int MAX_LIMIT = 100;

  /** Page size when none is given. */
  public static final int DEFAULT_LIMIT = 20;

  /** Result order. */
  public enum Order {
    /** Newest effective time first (ties in a fixed order: by a hash of the id). */
    NEWEST,
    /**
     * Highest score first (ties by a hash of the id); without text this is the same set in index
     * order.
     */
    RELEVANCE
  }

  public SearchRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadQueryException(
          "bad_limit", "limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
    }
    filter = filter == null ? ArticleFilter.ALL : filter;
    order = order == null ? Order.NEWEST : order;
  }

  /** Whether there is search-box text. */
  public boolean hasText() {
    return text != null && !text.isBlank();
  }
}
