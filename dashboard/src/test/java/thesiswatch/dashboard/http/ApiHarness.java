package thesiswatch.dashboard.http;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeCatalog;
import thesiswatch.dashboard.Fixtures;
import thesiswatch.dashboard.alert.Alert;
import thesiswatch.dashboard.alert.AlertMonitor;
import thesiswatch.dashboard.alert.SpikeRule;
import thesiswatch.dashboard.feeds.FeedHealth;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.dashboard.index.Interval;
import thesiswatch.dashboard.index.Trends;
import thesiswatch.dashboard.score.Scorecard;
import thesiswatch.dashboard.themes.LiveThemes;

/**
 * The dashboard's HTTP side over an index filled from fixtures, without Kafka: what the API and
 * browser tests run against. The clock is fixed after the fixtures' dates (so every search falls in
 * one rate-limit minute).
 */
public final class ApiHarness implements AutoCloseable {

  /** Threads of the harness's API pool. */
  public static final int API_THREADS = 2;

  /** The harness's "now": after every fixture article. */
  public static final Instant NOW = Instant.parse("2025-03-01T00:00:00Z");

  private final ArticleIndex index;
  private final Javalin app;
  private final DashboardApi api;
  private final EventStream events;
  private final FeedHealth feeds;
  private final AlertMonitor monitor;
  private volatile Throwable failure;

  /** Indexes {@code articles} in {@code dir} and serves them on a free loopback port. */
  public ApiHarness(Path dir, List<TaggedArticle> articles) {
    this(dir, articles, 0);
  }

  /** The same, allowing {@code searchesPerMinute} searches per client (0: unlimited). */
  public ApiHarness(Path dir, List<TaggedArticle> articles, int searchesPerMinute) {
    this(dir, articles, searchesPerMinute, new Streams(64, Duration.ofSeconds(15)), null);
  }

  /**
   * Live-stream settings of a harness.
   *
   * @param maxClients most streams open at once
   * @param heartbeat time between heartbeats
   */
  public record Streams(int maxClients, Duration heartbeat) {}

  /**
   * The same with {@code streams}; {@code scorecard}, when not null, answers {@code /api/scorecard}
   * instead of the real scorecard (a test that must hold the API's threads).
   */
  public ApiHarness(
      Path dir,
      List<TaggedArticle> articles,
      int searchesPerMinute,
      Streams streams,
      Supplier<Scorecard.Result> scorecard) {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    events = new EventStream(streams.maxClients(), streams.heartbeat(), registry);
    LiveThemes themes = LiveThemes.load(Fixtures.themesFile(dir));
    ThemeCatalog catalog = themes.current();
    index = ArticleIndex.open(dir.resolve("index"));
    articles.forEach(index::upsert);
    index.refresh();
    feeds = new FeedHealth(clock);
    monitor =
        new AlertMonitor(
            index,
            new SpikeRule(14, 5, 3.0, 0.001, Duration.ofHours(48)),
            catalog.themes().stream().map(ThemeCatalog.Theme::id).toList(),
            List.of(Interval.DAY),
            List.of(alert -> events.broadcast("alert", alert)),
            clock);
    Scorecard real = new Scorecard(index, catalog, clock);
    Function<ZoneId, Scorecard.Result> card =
        scorecard != null ? zone -> scorecard.get() : real::compute;
    api =
        new DashboardApi(
            index,
            new Trends(index, feeds),
            themes,
            feeds,
            new DashboardApi.Sections() {
              @Override
              public Scorecard.Result scorecard(ZoneId zone) {
                return card.apply(zone);
              }

              @Override
              public List<Alert> alerts(int limit) {
                return monitor.book().recent(limit);
              }

              @Override
              public Throwable failure() {
                return failure;
              }

              @Override
              public boolean reading() {
                return failure == null;
              }
            },
            events,
            registry,
            searchesPerMinute,
            clock);
    app = api.create(0, API_THREADS).start("127.0.0.1", 0);
  }

  /** The bound port. */
  public int port() {
    return app.port();
  }

  /** The index behind the API. */
  public ArticleIndex index() {
    return index;
  }

  /** Feed health behind {@code /api/feeds} and incomplete buckets. */
  public FeedHealth feeds() {
    return feeds;
  }

  /** Records {@code alert} as if the detector had raised it. */
  public void addAlert(Alert alert) {
    monitor.book().add(alert);
  }

  /** The routes behind the server. */
  DashboardApi api() {
    return api;
  }

  /** Looks for spikes and delivers them (to the page's stream). */
  public void checkAlerts() {
    monitor.check();
    monitor.deliver();
  }

  /** Makes {@code /health} report {@code error} as the reason indexing stopped. */
  public void fail(Throwable error) {
    failure = error;
  }

  /** The live event stream. */
  public EventStream events() {
    return events;
  }

  @Override
  public void close() {
    api.closeStreams();
    app.stop();
    api.close();
    index.close();
  }
}
