package thesiswatch.cli.bench;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import thesiswatch.broker.EmbeddedKafkaBroker;
import thesiswatch.classifier.ClassifierConfig;
import thesiswatch.classifier.ClassifierService;
import thesiswatch.common.Directories;
import thesiswatch.common.Env;
import thesiswatch.common.Service;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;
import thesiswatch.dashboard.DashboardConfig;
import thesiswatch.dashboard.DashboardService;
import thesiswatch.ingest.IngestConfig;
import thesiswatch.ingest.IngestService;
import thesiswatch.ingest.feeds.FeedSpec;

/**
 * What the pipeline benchmarks run on: an embedded broker with the product's topics in a fresh
 * temporary directory, and the classifier and the dashboard started on it in this JVM as the
 * services run (their settings from the process environment, the benchmark's broker, index and
 * ports over them), sharing one metrics registry the benchmark reads its signals from.
 */
final class BenchStack implements AutoCloseable {

  /** How often a wait samples its progress. */
  private static final Duration SAMPLE = Duration.ofMillis(500);

  /** How often a wait's progress goes into its report. */
  private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

  /**
   * How long a wait's progress may stand still before the benchmark gives up: far longer than any
   * pause of a working pipeline (start-up, a commit, a poll interval, a merge), so only a lost
   * article or a stuck service ends a run, and it ends with why instead of never.
   */
  static final Duration STALL = Duration.ofMinutes(2);

  private final Path work;
  private final Path themes;
  private final EmbeddedKafkaBroker broker;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<Service> services = new ArrayList<>();
  private DashboardService dashboard;

  private BenchStack(Path work, Path themes, EmbeddedKafkaBroker broker) {
    this.work = work;
    this.themes = themes;
    this.broker = broker;
  }

  /** Starts a broker in a new temporary directory named after {@code name}, topics created. */
  static BenchStack start(String name, Path themes) throws IOException {
    Path work = Files.createTempDirectory("thesiswatch-bench-" + name);
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), 0);
    try {
      TopicLayout.ensure(broker.bootstrapServers(), Topics.DEFAULTS, (short) 1);
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return new BenchStack(work, themes, broker);
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** The benchmark's scratch directory (the broker's log and the index are below it). */
  Path work() {
    return work;
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * The services' settings: the process environment (so a run can try, say, another {@code
   * CLASSIFIER_BATCH_SIZE}), with the benchmark's own broker, index and ports over it, and {@code
   * extra} over those.
   */
  Env env(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(System.getenv());
    settings.putAll(
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            broker.bootstrapServers(),
            "THEMES_FILE",
            themes.toString(),
            "DASHBOARD_PORT",
            "0",
            "DASHBOARD_HOST",
            "127.0.0.1",
            "DASHBOARD_INDEX_DIR",
            work.resolve("index").toString(),
            "CLASSIFIER_TRANSACTIONAL_ID",
            "classifier-bench"));
    settings.putAll(extra);
    return new Env(settings);
  }

  /** Starts the dashboard and the classifier, in that order (the index opens first). */
  void startServices() {
    startServices(Map.of());
  }

  /** {@link #startServices()} with {@code extra} settings over the benchmark's. */
  void startServices(Map<String, String> extra) {
    Env env = env(extra);
    dashboard = new DashboardService(DashboardConfig.from(env), registry);
    services.add(dashboard);
    dashboard.start();
    ClassifierService classifier = new ClassifierService(ClassifierConfig.from(env), registry);
    services.add(classifier);
    classifier.start();
  }

  /**
   * The settings that point the real ingest at benchmark feeds on loopback, as every benchmark of
   * ingest runs it: {@code feeds} (URL to language, all served from {@code hostPort}) written as an
   * OPML list into the scratch directory; first polls at once rather than spread over ingest's
   * start-up window; that one address let past ingest's guard against private addresses; polls
   * every {@code INGEST_POLL_INTERVAL} if the environment names one, else ingest's least ({@link
   * FeedSpec#MIN_INTERVAL}). Pass them to {@link #startIngest}.
   */
  Map<String, String> ingestSettings(Map<String, String> feeds, String hostPort)
      throws IOException {
    Map<String, String> settings = new HashMap<>();
    settings.put("FEEDS_FILE", feedList(feeds).toString());
    settings.put(
        "INGEST_POLL_INTERVAL",
        System.getenv().getOrDefault("INGEST_POLL_INTERVAL", Env.format(FeedSpec.MIN_INTERVAL)));
    settings.put("INGEST_STARTUP_SPREAD", "0s");
    settings.put("INGEST_ALLOW_PRIVATE", hostPort);
    return settings;
  }

  /** The OPML list ingest reads: {@code feeds} with their languages. */
  private Path feedList(Map<String, String> feeds) throws IOException {
    StringBuilder opml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\"><body>\n");
    feeds.forEach(
        (url, lang) ->
            opml.append("<outline type=\"rss\" text=\"bench ")
                .append(lang)
                .append("\" xmlUrl=\"")
                .append(url)
                .append("\" language=\"")
                .append(lang)
                .append("\"/>\n"));
    return Files.writeString(
        work.resolve("feeds.opml"), opml.append("</body></opml>\n").toString());
  }

  /** Starts ingest with {@code extra} settings over the benchmark's; it stops first on close. */
  IngestService startIngest(Map<String, String> extra) {
    IngestService ingest = new IngestService(IngestConfig.from(env(extra)), registry);
    services.add(ingest);
    ingest.start();
    return ingest;
  }

  /** The running dashboard (after {@link #startServices()}). */
  DashboardService dashboard() {
    return dashboard;
  }

  /** Articles in the dashboard's index now, from its own gauge. */
  long indexed() {
    return (long) registry.get("thesiswatch.dashboard.index.articles").gauge().value();
  }

  /** The gauge of the dashboard's index size, the signal that articles are searchable. */
  DoubleSupplier indexGauge() {
    Gauge gauge = registry.get("thesiswatch.dashboard.index.articles").gauge();
    return gauge::value;
  }

  /**
   * Waits until {@code progress} reaches {@code target}, sampling every half second; returns the
   * time since {@code start}. What is still missing every five seconds goes into {@code lag} as
   * {@code seconds:missing}. A service of the stack that failed ends the wait with its failure,
   * progress that stood still for {@link #STALL} with how far it got.
   */
  Duration await(DoubleSupplier progress, long target, Instant start, List<String> lag)
      throws InterruptedException {
    return await(progress, target, start, lag, services, STALL);
  }

  /** {@link #await(DoubleSupplier, long, Instant, List)} watching {@code services}. */
  static Duration await(
      DoubleSupplier progress,
      long target,
      Instant start,
      List<String> lag,
      List<? extends Service> services,
      Duration stall)
      throws InterruptedException {
    long nextReport = 0;
    double last = -1;
    Instant movedAt = Instant.now();
    for (double done = progress.getAsDouble(); done < target; done = progress.getAsDouble()) {
      Instant now = Instant.now();
      if (done != last) {
        last = done;
        movedAt = now;
      } else if (Duration.between(movedAt, now).compareTo(stall) > 0) {
        throw new IllegalStateException(
            String.format("stuck at %,d of %,d, no progress for %s", (long) done, target, stall));
      }
      long seconds = Duration.between(start, now).toSeconds();
      if (seconds >= nextReport) {
        lag.add(seconds + "s:" + (target - (long) done));
        nextReport = seconds + REPORT_EVERY.toSeconds();
      }
      Thread.sleep(SAMPLE.toMillis());
      for (Service service : services) {
        if (service.failure().isPresent()) {
          throw new IllegalStateException(
              service.getClass().getSimpleName() + " failed", service.failure().get());
        }
      }
    }
    return Duration.between(start, Instant.now());
  }

  /** Prints the classifier's transactions over {@code articles}: how many, how large, how long. */
  void reportTransactions(PrintStream out, long articles) {
    Timer batches = registry.get("thesiswatch.classifier.batch").timer();
    out.printf(
        "classifier transactions: %,d, %.0f articles and %.1f ms each (tag, send, commit)%n",
        batches.count(),
        (double) articles / Math.max(1, batches.count()),
        batches.mean(TimeUnit.MILLISECONDS));
  }

  /** Stops the services (the last started first), then the broker. */
  @Override
  public void close() throws Exception {
    Exception first = null;
    for (int i = services.size() - 1; i >= 0; i--) {
      try {
        services.get(i).close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    try {
      broker.close();
      // A run's broker log and index are scratch: a million articles leave about 2 GB.
      Directories.deleteTree(work);
    } catch (Exception e) {
      first = first == null ? e : first;
    }
    if (first != null) {
      throw first;
    }
  }
}
