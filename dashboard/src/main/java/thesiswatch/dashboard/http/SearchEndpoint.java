package thesiswatch.dashboard.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import thesiswatch.common.Json;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.dashboard.index.SearchPage;
import thesiswatch.dashboard.index.SearchRequest;
import thesiswatch.dashboard.index.UserQueryParser;

/**
 * {@code GET /api/articles} and {@code /api/articles.csv}: one search read from the query
 * parameters, each client held to its searches per minute, answered as a JSON page or as CSV. A
 * JSON page is kept until the index is next refreshed: every visitor's page opens on the same
 * newest articles, and a shared link asks the same search again.
 */
final class SearchEndpoint {

  /** Pages kept per index refresh: the page's own searches, and a few hundred of visitors'. */
  static final int CACHE_ENTRIES = 1024;

  /** JSON bytes kept per refresh: a page of 100 articles with summaries is about 100 KB. */
  static final long CACHE_BYTES = 32L << 20;

  private final ArticleIndex index;
  private final RateLimit searchLimit;
  private final ResponseCache pages;

  SearchEndpoint(ArticleIndex index, RateLimit searchLimit, MeterRegistry registry) {
    this.index = index;
    this.searchLimit = searchLimit;
    this.pages = new ResponseCache(CACHE_ENTRIES, CACHE_BYTES).measuredIn(registry, "articles");
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
    // The limit is checked first: a kept page counts against it as a computed one does.
    SearchRequest request = request(ctx, params, true);
    // Read before searching: a page is then never older than the version it is kept under.
    long version = index.readerVersion();
    pages.get(request, version, () -> Json.bytes(body(request, index.search(request)))).send(ctx);
  }

  private static Map<String, Object> body(SearchRequest request, SearchPage page) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("articles", page.hits().stream().map(ArticleView::of).toList());
    body.put("total", page.total());
    // As Elasticsearch says it: "eq" when total is exact, "gte" when it is a lower bound.
    body.put("totalRelation", page.totalExact() ? "eq" : "gte");
    body.put("nextCursor", page.nextCursor());
    body.put("sort", request.order().name().toLowerCase(Locale.ROOT));
    return body;
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
