package thesiswatch.dashboard.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.dashboard.index.SearchPage;
import thesiswatch.dashboard.index.SearchRequest;
import thesiswatch.dashboard.index.UserQueryParser;

/**
 * {@code GET /api/articles} and {@code /api/articles.csv}: one search read from the query
 * parameters, each client held to its searches per minute, answered as a JSON page or as CSV.
 */
final class SearchEndpoint {

  private final ArticleIndex index;
  private final RateLimit searchLimit;

  SearchEndpoint(ArticleIndex index, RateLimit searchLimit) {
    this.index = index;
    this.searchLimit = searchLimit;
  }

  /**
   * The search in the query parameters, pages of {@code pageSize} (or {@code limit} when given).
   */
  private SearchRequest request(Context ctx, Params params, boolean limitIsPageSize) {
    if (!searchLimit.allow(ctx.ip())) {
      throw new RateLimitedException();
    }
    String q = params.string("q");
    if (q != null) {
      // The caps are checked before anything is parsed: no input reaches the parser unchecked.
      UserQueryParser.check(q);
    }
    String sort = params.string("sort");
    SearchRequest.Order order;
    if (sort == null) {
      order = SearchRequest.Order.NEWEST;
    } else if (sort.equals("newest") || sort.equals("relevance")) {
      order = SearchRequest.Order.valueOf(sort.toUpperCase(Locale.ROOT));
    } else {
      throw Params.bad("sort", "must be newest or relevance, not '" + sort + "'");
    }
    int limit =
        limitIsPageSize
            ? params.integer("limit", SearchRequest.DEFAULT_LIMIT, 1, SearchRequest.MAX_LIMIT)
            : SearchRequest.MAX_LIMIT;
    return new SearchRequest(
        q, params.filter(params.zone()), limit, params.string("cursor"), order);
  }

  /** {@code GET /api/articles}: one page of hits, with the total and the next page's cursor. */
  void page(Context ctx, Params params) {
    SearchRequest request = request(ctx, params, true);
    SearchPage page = index.search(request);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("articles", page.hits().stream().map(ArticleView::of).toList());
    body.put("total", page.total());
    // As Elasticsearch says it: "eq" when total is exact, "gte" when it is a lower bound.
    body.put("totalRelation", page.totalExact() ? "eq" : "gte");
    body.put("nextCursor", page.nextCursor());
    body.put("sort", request.order().name().toLowerCase(Locale.ROOT));
    DashboardApi.json(ctx, body);
  }

  /** {@code GET /api/articles.csv}: the same search, every row up to the export's cap. */
  void csv(Context ctx, Params params) {
    SearchRequest request = request(ctx, params, false);
    int rows = params.integer("limit", CsvExport.MAX_ROWS, 1, CsvExport.MAX_ROWS);
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"thesiswatch-articles.csv\"");
    ctx.result(CsvExport.write(index, request, rows));
  }

  /** A client searched more often than the limit allows. */
  static final class RateLimitedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
