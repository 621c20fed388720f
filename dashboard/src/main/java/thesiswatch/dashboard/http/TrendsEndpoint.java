package thesiswatch.dashboard.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import thesiswatch.common.Json;
import thesiswatch.dashboard.index.ArticleFilter;
import thesiswatch.dashboard.index.Bucket;
import thesiswatch.dashboard.index.Interval;
import thesiswatch.dashboard.index.Trends;

/**
 * {@code GET /api/trends}: article counts per bucket, as JSON made once per index refresh and kept
 * (gzip-compressed once per body) until the next, since the page asks every visitor the same
 * questions.
 */
final class TrendsEndpoint {

  /**
   * Trend bodies kept per index refresh: the page asks for one per theme, interval, language and
   * source it shows, so a few hundred cover every visitor of a refresh interval.
   */
  static final int CACHE_ENTRIES = 512;

  /** JSON bytes kept per refresh: an hourly body of 2,000 buckets is about 200 KB. */
  static final long CACHE_BYTES = 32L << 20;

  /** Trend bodies of the current index reader and coverage. */
  private final ResponseCache cache;

  private final Trends trends;

  TrendsEndpoint(Trends trends, MeterRegistry registry) {
    this.trends = trends;
    this.cache = new ResponseCache(CACHE_ENTRIES, CACHE_BYTES).measuredIn(registry, "trends");
  }

  /** Answers {@code GET /api/trends} with {@code params}, from the cache when it can. */
  void handle(Context ctx, Params params) {
    String intervalText = params.string("interval");
    Interval interval;
    try {
      interval = intervalText == null ? Interval.DAY : Interval.parse(intervalText);
    } catch (IllegalArgumentException e) {
      throw Params.bad("interval", "must be hour, day or week, not '" + intervalText + "'");
    }
    ZoneId zone = params.zone();
    ArticleFilter filter = params.filter(zone);
    // Read before computing: a body is then never older than the version it is kept under.
    Trends.Version version = trends.version();
    ResponseCache.Body body =
        cache.get(
            interval.key() + "|" + zone.getId() + "|" + filter,
            version,
            () -> {
              List<Bucket> buckets = trends.buckets(filter, interval, zone);
              Map<String, Object> fields = new LinkedHashMap<>();
              fields.put("theme", filter.theme());
              fields.put("interval", interval.key());
              fields.put("tz", zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId());
              fields.put("lang", filter.lang());
              fields.put("source", filter.source());
              fields.put("buckets", buckets);
              return Json.bytes(fields);
            });
    body.send(ctx);
  }
}
