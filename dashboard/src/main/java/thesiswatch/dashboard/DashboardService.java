package thesiswatch.dashboard;

import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.PortInUseException;
import thesiswatch.common.Service;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeCatalog;
import thesiswatch.dashboard.alert.AddressGuard;
import thesiswatch.dashboard.alert.AlertMonitor;
import thesiswatch.dashboard.alert.AlertSink;
import thesiswatch.dashboard.alert.KafkaAlertSink;
import thesiswatch.dashboard.alert.LogAlertSink;
import thesiswatch.dashboard.alert.SpikeRule;
import thesiswatch.dashboard.alert.WebhookAlertSink;
import thesiswatch.dashboard.backfill.BackfillProgress;
import thesiswatch.dashboard.backfill.BackfillStateReader;
import thesiswatch.dashboard.feeds.FeedHealth;
import thesiswatch.dashboard.http.DashboardApi;
import thesiswatch.dashboard.http.EventStream;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.dashboard.index.Interval;
import thesiswatch.dashboard.index.Trends;
import thesiswatch.dashboard.kafka.TaggedArticleConsumer;
import thesiswatch.dashboard.score.Scorecard;

/**
 * The dashboard: opens the index, reads {@code articles.tagged} and {@code feed-state} into it on
 * the consumer thread, looks for spikes before every commit, and serves the API and the page.
 */
public final class DashboardService implements Service {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardService.class);

  /** Headlines sent with each live update of the page. */
  private static final int LIVE_HEADLINES = 10;

  private final DashboardConfig config;
  private final PrometheusMeterRegistry registry;
  private final Clock clock = Clock.systemUTC();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private ArticleIndex index;

  /** Volatile: {@link #ready()} and {@link #failure()} are asked from HTTP and ops threads. */
  private volatile TaggedArticleConsumer consumer;

  private DashboardApi api;
  private Javalin http;
  private boolean started;
  private boolean closed;

  /**
   * A dashboard with {@code config}, reporting metrics to {@code registry}; call {@link #start()}.
   */
  public DashboardService(DashboardConfig config, PrometheusMeterRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  /**
   * Opens the index, starts the HTTP server and the consumer thread, and returns.
   *
   * @throws IllegalStateException when called twice or after {@link #close()}
   * @throws PortInUseException when the HTTP port is taken
   * @throws IllegalArgumentException when the themes file is not valid
   * @throws UncheckedIOException when the index cannot be opened (e.g. another process holds it)
   */
  @Override
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("the dashboard was already started");
    }
    if (closed) {
      throw new IllegalStateException("the dashboard was closed");
    }
    started = true;
    try {
      ThemeCatalog catalog = ThemeCatalog.load(config.themesFile());
      Files.createDirectories(config.indexDir());
      index = ArticleIndex.open(config.indexDir());
      resources.add(index);
      Gauge.builder("thesiswatch.dashboard.index.articles", index, ArticleIndex::size)
          .description("articles in the dashboard index")
          .register(registry);
      FeedHealth feeds = new FeedHealth(clock);
      BackfillProgress backfills = new BackfillProgress(config.sampleData());
      BackfillStateReader backfillReader =
          new BackfillStateReader(
              config.bootstrapServers(), config.topics().backfillState(), backfills);
      resources.add(backfillReader);
      backfillReader.start();
      EventStream events = new EventStream();
      AlertMonitor monitor = alertMonitor(catalog, events);
      Scorecard scorecard = new Scorecard(index, catalog, clock);
      api =
          new DashboardApi(
              index,
              new Trends(index, feeds),
              catalog,
              feeds,
              new DashboardApi.Sections() {
                @Override
                public Object scorecard() {
                  return scorecard.compute();
                }

                @Override
                public Object alerts(int limit) {
                  return monitor.book().recent(limit);
                }

                @Override
                public Throwable failure() {
                  return DashboardService.this.failure().orElse(null);
                }

                @Override
                public boolean reading() {
                  return ready();
                }

                @Override
                public Object backfill() {
                  return backfills.view();
                }
              },
              events,
              registry,
              config.searchesPerMinute(),
              clock);
      http = api.create(config.httpThreads());
      try {
        http.start(config.host(), config.port());
      } catch (JavalinBindException e) {
        throw new PortInUseException(config.port(), "the dashboard");
      }
      consumer =
          new TaggedArticleConsumer(
              config.bootstrapServers(),
              config.topics().tagged(),
              config.topics().feedState(),
              index,
              feeds,
              new TaggedArticleConsumer.Listener() {
                @Override
                public void indexed(List<TaggedArticle> articles) {
                  events.broadcast("articles", liveUpdate(articles));
                }

                @Override
                public void beforeCommit() {
                  monitor.check();
                }

                @Override
                public void afterCommit() {
                  monitor.deliver();
                }
              },
              config.commitInterval(),
              config.refreshInterval(),
              registry);
      consumer.start();
      LOG.info(
          "dashboard serving http://{}:{}/ from index {}",
          config.host(),
          port(),
          config.indexDir());
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(
          "cannot create the dashboard index directory " + config.indexDir(), e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private AlertMonitor alertMonitor(ThemeCatalog catalog, EventStream events) {
    DashboardConfig.AlertSettings settings = config.alerts();
    List<String> themes =
        settings.themes().isEmpty()
            ? catalog.themes().stream().map(ThemeCatalog.Theme::id).toList()
            : settings.themes();
    List<Interval> granularities = settings.granularities().stream().map(Interval::parse).toList();
    // Registered up front, at zero, so a dashboard that has not alerted yet still charts the
    // series.
    Map<String, Counter> fired = new HashMap<>();
    for (String theme : themes) {
      for (Interval granularity : granularities) {
        fired.put(
            theme + "/" + granularity.key(),
            Counter.builder("thesiswatch.dashboard.alerts.fired")
                .description("spike alerts raised, by theme and granularity")
                .tags("theme", theme, "granularity", granularity.key())
                .register(registry));
      }
    }
    List<AlertSink> sinks = new ArrayList<>();
    sinks.add(alert -> fired.get(alert.theme() + "/" + alert.granularity()).increment());
    sinks.add(new LogAlertSink());
    sinks.add(alert -> events.broadcast("alert", alert));
    if (settings.kafka()) {
      KafkaAlertSink kafka =
          new KafkaAlertSink(config.bootstrapServers(), config.topics().alerts());
      resources.add(kafka);
      sinks.add(kafka);
    }
    if (settings.webhookUrl() != null) {
      WebhookAlertSink webhook =
          new WebhookAlertSink(
              settings.webhookUrl(),
              new AddressGuard(settings.webhookAllowedHosts()),
              settings.webhookTimeout(),
              settings.webhookAttempts(),
              settings.webhookBackoff(),
              registry);
      resources.add(webhook);
      sinks.add(webhook);
    }
    SpikeRule rule =
        new SpikeRule(
            settings.baselinePeriods(),
            settings.minCount(),
            settings.minRatio(),
            settings.maxP(),
            settings.cooldown());
    return new AlertMonitor(index, rule, themes, granularities, sinks, clock);
  }

  private Map<String, Object> liveUpdate(List<TaggedArticle> articles) {
    Map<String, Object> update = new LinkedHashMap<>();
    update.put("count", articles.size());
    update.put("indexed", index.size());
    update.put(
        "articles",
        articles.stream()
            .skip(Math.max(0, articles.size() - LIVE_HEADLINES))
            .map(
                a ->
                    Map.of(
                        "id",
                        a.id(),
                        "title",
                        a.title(),
                        "time",
                        a.effectiveTime().toString(),
                        "themes",
                        a.themeIds()))
            .toList());
    return update;
  }

  /** The bound HTTP port (the chosen one when the configured port is 0). */
  public int port() {
    return http.port();
  }

  /** Whether the consumer has its partitions and reads them: what {@code /ready} answers. */
  @Override
  public boolean ready() {
    TaggedArticleConsumer reader = consumer;
    return reader != null && reader.reading();
  }

  /**
   * Blocks until the consumer stops (after {@link #close()} or a fatal error); returns at once when
   * the consumer never started (the start failed, or there was none).
   */
  @Override
  public void awaitStopped() throws InterruptedException {
    TaggedArticleConsumer reader = consumer;
    if (reader != null) {
      reader.awaitStop();
    }
  }

  /**
   * The error that stopped the consumer, e.g. a Lucene tragic exception; empty while it runs or
   * after a normal close.
   */
  @Override
  public Optional<Throwable> failure() {
    TaggedArticleConsumer reader = consumer;
    return Optional.ofNullable(reader == null ? null : reader.failure());
  }

  /**
   * Stops reading, commits the index with its offsets, stops the HTTP server and releases
   * everything. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (consumer != null) {
      consumer.close(); // ends with a final commit on the consumer thread
    }
    if (api != null) {
      api.closeStreams();
    }
    if (http != null) {
      http.stop();
    }
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn(
            "dashboard: closing {} failed: {}",
            resources.get(i).getClass().getSimpleName(),
            e.toString());
      }
    }
  }
}
