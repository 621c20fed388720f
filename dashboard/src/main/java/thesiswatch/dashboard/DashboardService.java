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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.lucene.store.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.PortInUseException;
import thesiswatch.common.Service;
import thesiswatch.common.TaggedArticle;
import thesiswatch.dashboard.alert.AddressGuard;
import thesiswatch.dashboard.alert.Alert;
import thesiswatch.dashboard.alert.AlertLedger;
import thesiswatch.dashboard.alert.AlertMonitor;
import thesiswatch.dashboard.alert.AlertSink;
import thesiswatch.dashboard.alert.KafkaAlertSink;
import thesiswatch.dashboard.alert.LogAlertSink;
import thesiswatch.dashboard.alert.SpikeRule;
import thesiswatch.dashboard.alert.TopicAlertLedger;
import thesiswatch.dashboard.alert.WebhookAlertSink;
import thesiswatch.dashboard.backfill.BackfillProgress;
import thesiswatch.dashboard.backfill.BackfillStateReader;
import thesiswatch.dashboard.feeds.FeedHealth;
import thesiswatch.dashboard.http.DashboardApi;
import thesiswatch.dashboard.http.EventStream;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.dashboard.index.Interval;
import thesiswatch.dashboard.index.Trends;
import thesiswatch.dashboard.kafka.ClaimVerdictLog;
import thesiswatch.dashboard.kafka.TaggedArticleConsumer;
import thesiswatch.dashboard.kafka.TrackRecordPublisher;
import thesiswatch.dashboard.score.Scorecard;
import thesiswatch.dashboard.themes.LiveThemes;

// Over 400 lines: the one orchestrator wiring the dashboard's parts in start order; each part is
// a class of its own.
/**
 * The dashboard: opens (and verifies) the index, reads {@code articles.tagged} and {@code
 * feed-state} into it on the consumer thread, looks for spikes before every commit, and serves the
 * API and the page. Healthy ({@code /health}) while the index is written; ready ({@code /ready})
 * while the reader has its partitions, is not stalled and the index is healthy.
 */
public final class DashboardService implements Service {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardService.class);

  /** Headlines sent with each live update of the page. */
  private static final int LIVE_HEADLINES = 10;

  private final DashboardConfig config;
  private final PrometheusMeterRegistry registry;
  private final Clock clock;
  private final UnaryOperator<Directory> storage;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private ArticleIndex index;
  private volatile AlertMonitor monitor;
  private volatile Scorecard scorecard;

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
    this(config, registry, Clock.systemUTC(), UnaryOperator.identity());
  }

  /**
   * The same, judging times by {@code clock}, with the index directory as {@code storage} makes it
   * (fault tests put a filling disk under it).
   */
  DashboardService(
      DashboardConfig config,
      PrometheusMeterRegistry registry,
      Clock clock,
      UnaryOperator<Directory> storage) {
    this.config = config;
    this.registry = registry;
    this.clock = clock;
    this.storage = storage;
  }

  /**
   * Opens the index, starts the HTTP server and the consumer thread, and returns.
   *
   * @throws IllegalStateException when called twice or after {@link #close()}
   * @throws PortInUseException when the HTTP port is taken
   * @throws IllegalArgumentException when the themes file is not valid
   * @throws thesiswatch.dashboard.index.DamagedIndexException when the index fails its checksums
   * @throws thesiswatch.dashboard.index.IncompatibleIndexException when an older dashboard wrote it
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
      LiveThemes themes = LiveThemes.load(config.themesFile());
      Files.createDirectories(config.indexDir());
      index = ArticleIndex.open(config.indexDir(), storage);
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
      EventStream events =
          new EventStream(config.streamClients(), config.streamHeartbeat(), registry);
      monitor = alertMonitor(themes, events);
      scorecard = new Scorecard(index, themes.current(), clock);
      themes.onChange(catalog -> scorecard = new Scorecard(index, catalog, clock));
      resources.add(
          new TrackRecordPublisher(
              new ClaimVerdictLog(
                  config.bootstrapServers(), config.topics().claimVerdicts(), clock),
              () -> scorecard,
              index::readerVersion,
              TrackRecordPublisher.INTERVAL));
      api =
          new DashboardApi(
              index,
              new Trends(index, Trends.Coverage.of(feeds, backfills)),
              themes,
              feeds,
              new DashboardApi.Sections() {
                @Override
                public Scorecard.Result scorecard(ZoneId zone) {
                  return scorecard.compute(zone);
                }

                @Override
                public List<Alert> alerts(int limit) {
                  return monitor.book().recent(limit);
                }

                @Override
                public Throwable failure() {
                  TaggedArticleConsumer reader = consumer;
                  Throwable fatal = DashboardService.this.failure().orElse(null);
                  return fatal != null || reader == null ? fatal : reader.problem();
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
      resources.add(api);
      http = api.create(config.httpThreads(), config.apiThreads());
      try {
        http.start(config.host(), config.port());
      } catch (JavalinBindException e) {
        throw new PortInUseException(config.port(), "the dashboard");
      }
      consumer =
          new TaggedArticleConsumer(
              new TaggedArticleConsumer.Settings(
                  config.bootstrapServers(),
                  config.topics().tagged(),
                  config.topics().feedState(),
                  config.commitInterval(),
                  config.refreshInterval(),
                  config.stallAfter(),
                  config.recoveryInterval()),
              index,
              feeds,
              new TaggedArticleConsumer.Listener() {
                @Override
                public void assigned() {
                  monitor.readLedger();
                }

                @Override
                public void admitted(TaggedArticle article) {
                  themes.observe(article);
                }

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

                @Override
                public void reopened() {
                  monitor.reload();
                }
              },
              registry,
              clock);
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

  private AlertMonitor alertMonitor(LiveThemes themes, EventStream events) {
    DashboardConfig.AlertSettings settings = config.alerts();
    Supplier<List<String>> watched =
        settings.themes().isEmpty() ? () -> List.copyOf(themes.ids()) : () -> settings.themes();
    List<Interval> granularities = settings.granularities().stream().map(Interval::parse).toList();
    // Registered up front, at zero, so a dashboard that has not alerted yet still charts the
    // series; a theme added to the themes file later gets its counters at its first alert.
    Map<String, Counter> fired = new ConcurrentHashMap<>();
    for (String theme : watched.get()) {
      for (Interval granularity : granularities) {
        firedCounter(fired, theme, granularity.key());
      }
    }
    List<AlertSink> sinks = new ArrayList<>();
    sinks.add(alert -> firedCounter(fired, alert.theme(), alert.granularity()).increment());
    sinks.add(new LogAlertSink());
    sinks.add(alert -> events.broadcast("alert", alert));
    AlertLedger ledger = AlertLedger.NONE;
    if (settings.kafka()) {
      KafkaAlertSink kafka =
          new KafkaAlertSink(
              config.bootstrapServers(), config.topics().alerts(), id -> monitor.confirm(id));
      resources.add(kafka);
      sinks.add(kafka);
      ledger = new TopicAlertLedger(config.bootstrapServers(), config.topics().alerts());
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
    return new AlertMonitor(
        index, rule, watched, granularities, sinks, ledger, settings.kafka(), clock);
  }

  private Counter firedCounter(Map<String, Counter> fired, String theme, String granularity) {
    return fired.computeIfAbsent(
        theme + "/" + granularity,
        key ->
            Counter.builder("thesiswatch.dashboard.alerts.fired")
                .description("spike alerts raised, by theme and granularity")
                .tags("theme", theme, "granularity", granularity)
                .register(registry));
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

  /**
   * What {@code /ready} answers: the consumer has its partitions and reads them, is not stalled
   * (records wait and nothing moves) and the index is written.
   */
  @Override
  public boolean ready() {
    TaggedArticleConsumer reader = consumer;
    return reader != null && reader.reading() && !reader.stalled() && reader.problem() == null;
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
   * The error that stopped the consumer for good (e.g. a damaged index found by a merge); empty
   * while it runs — also while it recovers from a failed write, which {@code /health} reports — or
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
