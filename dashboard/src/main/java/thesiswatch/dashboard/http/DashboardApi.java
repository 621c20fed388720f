package thesiswatch.dashboard.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.staticfiles.Location;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.Json;
import thesiswatch.common.Languages;
import thesiswatch.common.ThemeCatalog;
import thesiswatch.dashboard.alert.Alert;
import thesiswatch.dashboard.alert.AlertBook;
import thesiswatch.dashboard.alert.SpikeRule;
import thesiswatch.dashboard.feeds.FeedHealth;
import thesiswatch.dashboard.index.ArticleFilter;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.dashboard.index.BadQueryException;
import thesiswatch.dashboard.index.Trends;
import thesiswatch.dashboard.score.Scorecard;
import thesiswatch.dashboard.themes.LiveThemes;

// Over 400 lines: the server's set-up and the route table (the API's one contract, served as
// OpenAPI) read best in one place; endpoints with state of their own are classes of their own.
/**
 * The dashboard's HTTP routes (Javalin). Handlers only read parameters, call the index and its
 * companions, and write JSON; bad input is a 4xx {@code {error, detail}}, never a 500.
 *
 * <p>The API's work ({@code /api/...}: searches, exports, trends, the scorecard) runs on its own
 * bounded pool; a request beyond its queue is a 503 with {@code Retry-After}. The server's own
 * threads only hand requests over, so {@code /health}, {@code /ready} and {@code /metrics} answer
 * from them under any API load (before, five CSV exports a second held every thread and pushed
 * {@code /health} past compose's health-check timeout).
 */
public final class DashboardApi implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardApi.class);

  /**
   * Sent with every response: scripts, styles and data only from this origin, no plugins, no
   * framing, no base-URL tricks — a second line of defence behind inserting all text as text.
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src"
          + " 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action"
          + " 'self'";

  /** Where the page's static files are inside the jar. */
  static final String PUBLIC_DIR = "/public";

  /** Prometheus text exposition format. */
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** Seconds a client is asked to wait when the API is saturated. */
  static final int BUSY_RETRY_AFTER_SECONDS = 1;

  private final ArticleIndex index;
  private final TrendsEndpoint trends;
  private final LiveThemes themes;
  private final FeedHealth feeds;
  private final Sections sections;
  private final EventStream events;
  private final PrometheusMeterRegistry registry;
  private final SearchEndpoint searches;
  private ApiPool apiPool;
  private List<ApiRoutes.Route> routes = List.of();
  private final Set<String> served = ConcurrentHashMap.newKeySet();

  /** The parts of the page computed elsewhere (scorecard, alerts), as JSON-ready values. */
  public interface Sections {
    /** The scorecard, one claim per theme, its windows whole days in {@code zone}. */
    Scorecard.Result scorecard(ZoneId zone);

    /** Up to {@code limit} alerts, the most recent period first. */
    List<Alert> alerts(int limit);

    /**
     * Why the dashboard can no longer index (e.g. a Lucene tragic exception), or null while
     * healthy.
     */
    Throwable failure();

    /**
     * Whether the indexer reads Kafka now: the index is open, the broker answered and it is not
     * stalled.
     */
    boolean reading();

    /**
     * Where the data comes from: backfill progress and whether sample data is mixed in, as
     * JSON-ready values.
     */
    default Object backfill() {
      return Map.of(
          "sampleData", false, "running", false, "sources", Map.of(), "backfills", List.of());
    }
  }

  /**
   * Routes over the given parts; {@code searchesPerMinute} per client address, 0 for no limit, in
   * the minutes of {@code clock}.
   */
  public DashboardApi(
      ArticleIndex index,
      Trends trends,
      LiveThemes themes,
      FeedHealth feeds,
      Sections sections,
      EventStream events,
      PrometheusMeterRegistry registry,
      int searchesPerMinute,
      Clock clock) {
    this.index = index;
    this.trends = new TrendsEndpoint(trends, registry);
    this.themes = themes;
    this.feeds = feeds;
    this.sections = sections;
    this.events = events;
    this.registry = registry;
    this.searches = new SearchEndpoint(index, new RateLimit(searchesPerMinute, clock), registry);
  }

  /**
   * A Javalin server with every route, not yet started, whose Jetty pool has at most {@code
   * httpThreads} threads (0: Javalin's default, up to 250) and whose API work runs on {@code
   * apiThreads} more ({@link ApiPool}).
   */
  public Javalin create(int httpThreads, int apiThreads) {
    apiPool = new ApiPool(apiThreads, registry);
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.events(
                  events ->
                      events.handlerAdded(
                          meta -> served.add(meta.getHttpMethod().name() + " " + meta.getPath())));
              if (httpThreads > 0) {
                QueuedThreadPool pool =
                    new QueuedThreadPool(httpThreads, Math.min(8, httpThreads), 60_000);
                pool.setName("dashboard-http");
                config.jetty.threadPool = pool;
              }
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/";
                    files.directory = PUBLIC_DIR;
                    files.location = Location.CLASSPATH;
                  });
              config.staticFiles.enableWebjars();
              // The API answers small GETs only.
              config.http.maxRequestSize = 16_384L;
              config.jetty.modifyServer(server -> server.setErrorHandler(new JettyRefusals()));
            });
    app.before(DashboardApi::securityHeaders);
    routes = routes();
    Map<String, Object> openApi = ApiRoutes.openApi(routes);
    byte[] openApiJson = Json.bytes(openApi);
    for (ApiRoutes.Route route : routes) {
      Handler answer =
          route.path().equals(OPENAPI_PATH)
              ? ctx -> ctx.contentType("application/json; charset=utf-8").result(openApiJson)
              : route.handler();
      // Only the API's query strings are checked: a scraper may add its own to /metrics.
      Handler handler =
          route.path().startsWith("/api/")
              ? ctx -> {
                QueryString.check(ctx.queryString(), route.path(), route.parameters());
                answer.handle(ctx);
              }
              : answer;
      app.get(route.path(), handler);
      // The body of the 405 is the 405 error handler's.
      GetOnly.methods(app, route.path(), ctx -> ctx.status(405));
    }
    app.exception(BadQueryException.class, (e, ctx) -> error(ctx, 400, e.kind(), e.getMessage()));
    app.exception(
        ApiPool.BusyException.class,
        (e, ctx) -> {
          ctx.header("Retry-After", Integer.toString(BUSY_RETRY_AFTER_SECONDS));
          error(ctx, 503, "busy", "the dashboard is answering as many requests as it can; retry");
        });
    app.exception(
        SearchEndpoint.RateLimitedException.class,
        (e, ctx) -> {
          ctx.header("Retry-After", "60");
          error(
              ctx,
              429,
              "rate_limited",
              "too many searches from this address; try again in a minute");
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("dashboard: {} {} failed", ctx.method(), ctx.path(), e);
          error(ctx, 500, "internal", "the dashboard failed to answer; see its log");
        });
    app.error(
        404,
        ctx -> {
          if (ctx.path().startsWith("/api/")) {
            error(ctx, 404, "not_found", "no such endpoint: " + ctx.path());
          }
        });
    app.error(
        405,
        ctx -> {
          ctx.header("Allow", GetOnly.ALLOW);
          error(
              ctx,
              405,
              "method_not_allowed",
              ctx.method() + " is not served on " + ctx.path() + "; use GET");
        });
    return app;
  }

  /** Where the OpenAPI document of the route table is served. */
  static final String OPENAPI_PATH = "/api/openapi.json";

  /**
   * The route table: every route the dashboard serves besides its static page, in the order the
   * OpenAPI document lists them.
   */
  private List<ApiRoutes.Route> routes() {
    String json = "application/json";
    List<String> filters = List.of("theme", "stance", "lang", "source", "from", "to", "tz");
    List<String> search = new ArrayList<>(List.of("q"));
    search.addAll(filters);
    search.addAll(List.of("sort", "limit", "cursor"));
    List<String> trendParameters = new ArrayList<>(filters);
    trendParameters.add("interval");
    return List.of(
        new ApiRoutes.Route(
            "/health",
            "Liveness: up, or down with why indexing stopped.",
            List.of(),
            json,
            this::health),
        new ApiRoutes.Route(
            "/ready",
            "Readiness: ready while the index reads Kafka (503 not_ready otherwise).",
            List.of(),
            json,
            ctx -> {
              boolean ready = sections.reading();
              ctx.status(ready ? 200 : 503);
              json(ctx, Map.of("status", ready ? "ready" : "not_ready"));
            }),
        new ApiRoutes.Route(
            "/metrics",
            "Prometheus metrics (text exposition format).",
            List.of(),
            "text/plain",
            ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape())),
        new ApiRoutes.Route(
            OPENAPI_PATH, "This document: the API's routes as OpenAPI 3.", List.of(), json, null),
        new ApiRoutes.Route(
            "/api/themes",
            "The theme set: version and each theme's id, names, claim and queries.",
            List.of(),
            json,
            apiPool.offloaded(this::themes)),
        new ApiRoutes.Route(
            "/api/trends",
            "Counts and shares of one theme (or all articles) per hour, day or week.",
            trendParameters,
            json,
            apiPool.offloaded(ctx -> trends.handle(ctx, params(ctx)))),
        new ApiRoutes.Route(
            "/api/articles",
            "Search tagged articles, newest first or by relevance, a page at a time: articles,"
                + " total, totalRelation (eq or gte), nextCursor.",
            search,
            json,
            apiPool.offloaded(ctx -> searches.page(ctx, params(ctx)))),
        new ApiRoutes.Route(
            "/api/articles.csv",
            "The same search as CSV (formula-safe), up to " + CsvExport.MAX_ROWS + " rows.",
            search,
            "text/csv",
            apiPool.offloaded(ctx -> searches.csv(ctx, params(ctx)))),
        new ApiRoutes.Route(
            "/api/scorecard",
            "Each claim of the essay with its verdict, tests, evidence and history.",
            List.of("tz"),
            json,
            apiPool.offloaded(ctx -> json(ctx, sections.scorecard(params(ctx).zone())))),
        new ApiRoutes.Route(
            "/api/scorecard/{theme}",
            "One claim of the scorecard; an unknown theme is a 400 naming the known.",
            List.of("tz"),
            json,
            apiPool.offloaded(this::claim)),
        new ApiRoutes.Route(
            "/api/backfill",
            "Where the data comes from: backfill progress and whether sample data is mixed in.",
            List.of(),
            json,
            apiPool.offloaded(ctx -> json(ctx, sections.backfill()))),
        new ApiRoutes.Route(
            "/api/alerts",
            "Spike alerts, the most recent period first, overlapping from–to; each with count"
                + " (at detection), countNow (in the index now), baseline, ratioBaseline (the"
                + " baseline floored at "
                + SpikeRule.BASELINE_FLOOR
                + ") and ratio = count ÷ ratioBaseline.",
            List.of("theme", "from", "to", "limit"),
            json,
            apiPool.offloaded(this::alerts)),
        new ApiRoutes.Route(
            "/api/feeds",
            "Feed health: summary by status, next retry, feeds (failing first) and outages.",
            List.of(),
            json,
            apiPool.offloaded(ctx -> json(ctx, feeds.report()))),
        new ApiRoutes.Route(
            "/api/sources",
            "The sources and languages in the index with their article counts: the values"
                + " source= and lang= take.",
            List.of(),
            json,
            apiPool.offloaded(this::sources)),
        new ApiRoutes.Route(
            "/api/stream",
            "Server-Sent Events: hello, then articles, counts and alert events as they happen.",
            List.of(),
            "text/event-stream",
            this::stream));
  }

  /** The route table (after {@link #create}). */
  List<ApiRoutes.Route> routeTable() {
    return routes;
  }

  /** {@code METHOD path} of every handler registered on the server (after {@link #create}). */
  Set<String> servedRoutes() {
    return Set.copyOf(served);
  }

  private void stream(Context ctx) {
    if (!events.join(ctx)) {
      ctx.header("Retry-After", Integer.toString(EventStream.RETRY_AFTER_SECONDS));
      error(
          ctx,
          503,
          "too_many_streams",
          "the most live streams this dashboard allows are open; try again later");
    }
  }

  private void alerts(Context ctx) {
    Params params = params(ctx);
    int limit = params.integer("limit", 50, 1, 500);
    String theme = params.theme();
    Instant from = params.instant("from");
    Instant to = params.instant("to");
    if (from != null && to != null && !from.isBefore(to)) {
      throw Params.bad("from", "must be before to");
    }
    List<Map<String, Object>> shown = new ArrayList<>();
    for (Alert alert : sections.alerts(AlertBook.MAX_ALERTS)) {
      if (shown.size() == limit) {
        break;
      }
      if ((theme == null || theme.equals(alert.theme()))
          && (from == null || alert.periodEnd().isAfter(from))
          && (to == null || alert.periodStart().isBefore(to))) {
        shown.add(alertView(alert));
      }
    }
    json(ctx, Map.of("alerts", shown));
  }

  /**
   * An alert with what the page needs to show it honestly: the baseline the ratio divides by (so
   * that the ratio shown is count ÷ that baseline) and the period's count in the index now, beside
   * the count at detection.
   */
  private Map<String, Object> alertView(Alert alert) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", alert.id());
    view.put("theme", alert.theme());
    view.put("granularity", alert.granularity());
    view.put("periodStart", alert.periodStart());
    view.put("periodEnd", alert.periodEnd());
    view.put("count", alert.count());
    view.put(
        "countNow",
        index.count(
            new ArticleFilter(
                alert.theme(), null, null, null, alert.periodStart(), alert.periodEnd())));
    view.put("baseline", alert.baseline());
    view.put("baselineFloor", SpikeRule.BASELINE_FLOOR);
    view.put("ratioBaseline", Math.max(alert.baseline(), SpikeRule.BASELINE_FLOOR));
    view.put("ratio", alert.ratio());
    view.put("pValue", alert.pValue());
    view.put("detected", alert.detected());
    view.put("historical", alert.historical());
    return view;
  }

  /** A source of {@code /api/sources} and its articles. */
  record SourceCount(String source, long articles) {}

  /** A language of {@code /api/sources} and its articles. */
  record LanguageCount(String lang, long articles) {}

  private void sources(Context ctx) {
    Known known = known();
    List<SourceCount> sources = new ArrayList<>();
    known.sources().forEach((name, count) -> sources.add(new SourceCount(name, count)));
    sources.sort(
        Comparator.comparingLong(SourceCount::articles)
            .reversed()
            .thenComparing(SourceCount::source));
    List<LanguageCount> languages = new ArrayList<>();
    known.languages().forEach((code, count) -> languages.add(new LanguageCount(code, count)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sources", sources);
    body.put("languages", languages);
    json(ctx, body);
  }

  /**
   * The sources and languages in the index, with counts, kept per index reader (the page's many
   * filtered requests each check their {@code source=} and {@code lang=} against them).
   */
  private record Known(
      long readerVersion, Map<String, Long> sources, Map<String, Long> languages) {}

  private volatile Known known;

  private Known known() {
    long version = index.readerVersion();
    Known kept = known;
    if (kept == null || kept.readerVersion() != version) {
      kept = new Known(version, index.sources(), index.languages());
      known = kept;
    }
    return kept;
  }

  private Set<String> knownLanguages() {
    Set<String> langs = new TreeSet<>(Languages.ALL);
    langs.addAll(known().languages().keySet());
    return langs;
  }

  /** Closes the Server-Sent Events connections (before the server stops). */
  public void closeStreams() {
    events.closeAll();
  }

  /** Closes the streams and the API pool (after the server stopped). Idempotent. */
  @Override
  public void close() {
    closeStreams();
    if (apiPool != null) {
      apiPool.close();
    }
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
  }

  private Params params(Context ctx) {
    return new Params(ctx, themes.ids(), () -> known().sources().keySet(), this::knownLanguages);
  }

  private void health(Context ctx) {
    Throwable failure = sections.failure();
    if (failure == null) {
      json(ctx, Map.of("status", "up"));
    } else {
      ctx.status(503);
      json(ctx, Map.of("status", "down", "detail", String.valueOf(failure)));
    }
  }

  private void themes(Context ctx) {
    ThemeCatalog catalog = themes.current();
    json(ctx, Map.of("version", catalog.version(), "themes", catalog.themes()));
  }

  /**
   * One claim of the scorecard; an unknown theme is a 400 naming the known ones, as for {@code
   * theme=}.
   */
  private void claim(Context ctx) {
    String theme = ctx.pathParam("theme");
    Scorecard.Result card = sections.scorecard(params(ctx).zone());
    for (Scorecard.Claim claim : card.claims()) {
      if (claim.theme().equals(theme)) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asOf", card.asOf());
        body.put("tz", card.tz());
        body.put("themeSetVersion", card.themeSetVersion());
        body.put("claim", claim);
        json(ctx, body);
        return;
      }
    }
    String shown =
        theme.length() > Params.MAX_VALUE_LENGTH
            ? theme.substring(0, Params.MAX_VALUE_LENGTH) + "…"
            : theme;
    throw new BadQueryException(
        "unknown_theme",
        "theme must be one of "
            + card.claims().stream().map(Scorecard.Claim::theme).toList()
            + ", not '"
            + shown
            + "'");
  }

  static void json(Context ctx, Object body) {
    // Bytes, not a String: Javalin would encode the String again, and pages are mostly UTF-16
    // (Chinese).
    ctx.contentType("application/json; charset=utf-8").result(Json.bytes(body));
  }

  private static void error(Context ctx, int status, String kind, String detail) {
    ctx.status(status);
    json(ctx, Map.of("error", kind, "detail", detail));
  }
}
