package thesiswatch.cli.demo;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.broker.EmbeddedKafkaBroker;
import thesiswatch.classifier.ClassifierConfig;
import thesiswatch.classifier.ClassifierService;
import thesiswatch.cli.ops.ServiceMetrics;
import thesiswatch.common.Env;
import thesiswatch.common.FeedState;
import thesiswatch.common.Futures;
import thesiswatch.common.PortInUseException;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;
import thesiswatch.dashboard.DashboardConfig;
import thesiswatch.dashboard.DashboardService;
import thesiswatch.dashboard.index.DamagedIndexException;
import thesiswatch.dashboard.index.IncompatibleIndexException;
import thesiswatch.ingest.IngestConfig;
import thesiswatch.ingest.IngestService;

/**
 * The embedded default: a real Kafka broker, the three services and the sample feed server in one
 * JVM, all state under one data directory so that a second run resumes where the first stopped.
 * Closing stops everything in reverse order of start.
 */
public final class Demo implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
  private static final String STATE_FILE = "demo.properties";
  private static final String SAMPLE_PORT_KEY = "samples.port";

  /**
   * How to run the demo.
   *
   * @param dataDir where the broker, the index and the demo's own state live
   * @param port dashboard port
   * @param kafkaPort Kafka client port
   * @param offline the bundled sample feeds only; without it, the live feeds only
   * @param seedsDir the {@code seeds/} directory (themes, feeds, samples)
   * @param backfill live mode also backfills the feeds' history in the background
   */
  public record Options(
      Path dataDir, int port, int kafkaPort, boolean offline, Path seedsDir, boolean backfill) {

    /** Options with the background backfill on. */
    public Options(Path dataDir, int port, int kafkaPort, boolean offline, Path seedsDir) {
      this(dataDir, port, kafkaPort, offline, seedsDir, true);
    }
  }

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private IngestService ingest;
  private int dashboardPort;
  private int kafkaPort;
  private boolean closed;

  private Demo() {}

  /**
   * Starts everything; on any failure, stops what had started and rethrows.
   *
   * @throws PortInUseException when the dashboard or Kafka port is taken
   * @throws IllegalStateException when another demo holds the data directory
   */
  public static Demo start(Options options) {
    Demo demo = new Demo();
    try {
      demo.startAll(options);
      return demo;
    } catch (RuntimeException e) {
      demo.close();
      throw e;
    }
  }

  private void startAll(Options options) {
    Path data = options.dataDir().toAbsolutePath().normalize();
    started.push(DataDirLock.acquire(data));
    requireFree(options.port(), "the dashboard", "--port");
    requireFree(options.kafkaPort(), "Kafka", "--kafka-port");

    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(data.resolve("kafka"), options.kafkaPort());
    started.push(broker);
    kafkaPort = broker.port();
    Topics topics = Topics.DEFAULTS;
    TopicLayout.ensure(broker.bootstrapServers(), topics, (short) 1);

    Properties state = readState(data);
    // Samples once ingested stay in this data directory's topics: the page says so from then on.
    boolean sampleData = options.offline() || state.containsKey(SAMPLE_PORT_KEY);
    Path feeds = options.seedsDir().resolve("feeds.opml");
    SampleFeedServer samples = null;
    if (options.offline()) {
      // The fictional sample feeds are never mixed into live news: offline only.
      samples =
          SampleFeedServer.start(
              options.seedsDir().resolve("samples"),
              Integer.parseInt(state.getProperty(SAMPLE_PORT_KEY, "0")));
      started.push(samples);
      state.setProperty(SAMPLE_PORT_KEY, String.valueOf(samples.port()));
      writeState(data, state);
      feeds = DemoFeedList.write(data.resolve("demo-feeds.opml"), samples.feedUrls(), null);
    }

    Map<String, String> variables = new HashMap<>(System.getenv());
    variables.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    variables.put("THEMES_FILE", options.seedsDir().resolve("themes.yml").toString());
    variables.put("FEEDS_FILE", feeds.toString());
    if (samples != null) {
      // The sample server is on loopback, which the SSRF guard refuses unless allow-listed.
      variables.put("INGEST_ALLOW_PRIVATE", SampleFeedServer.HOST + ":" + samples.port());
    }
    variables.put("DASHBOARD_SAMPLE_DATA", String.valueOf(sampleData));
    variables.put("INGEST_STARTUP_SPREAD", "2s");
    variables.put("CLASSIFIER_TRANSACTIONAL_ID", "classifier-demo");
    variables.put("DASHBOARD_PORT", String.valueOf(options.port()));
    variables.put("DASHBOARD_HOST", "127.0.0.1");
    variables.put("DASHBOARD_INDEX_DIR", data.resolve("dashboard").toString());
    Env env = new Env(variables);

    // One registry: the dashboard's /metrics shows all three services of this JVM.
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServiceMetrics.bindTo(registry);
    // The classifier builds its theme monitor (seconds, on a cold JVM) while the dashboard opens
    // its index and replays: neither needs the other, so the demo is ready sooner.
    CompletableFuture<ClassifierService> classifierBuilt =
        CompletableFuture.supplyAsync(
            () -> new ClassifierService(ClassifierConfig.from(env), registry),
            task -> new Thread(task, "demo-classifier-start").start());
    DashboardService dashboard;
    try {
      dashboard = startDashboard(DashboardConfig.from(env), registry);
    } catch (RuntimeException e) {
      classifierBuilt.thenAccept(ClassifierService::close);
      throw e;
    }
    started.push(dashboard);
    dashboardPort = dashboard.port();
    ClassifierService classifier = Futures.joinUnwrapped(classifierBuilt);
    started.push(classifier);
    classifier.start();
    ingest = new IngestService(IngestConfig.from(env), registry);
    ingest.start();
    started.push(ingest);
    if (!options.offline() && options.backfill()) {
      started.push(startBackfill(feeds, broker.bootstrapServers(), env));
    }
  }

  private static DemoBackfill startBackfill(Path feeds, String bootstrapServers, Env env) {
    try {
      return DemoBackfill.start(feeds, bootstrapServers, IngestConfig.from(env));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the feed list " + feeds, e);
    }
  }

  /** The dashboard's port. */
  public int dashboardPort() {
    return dashboardPort;
  }

  /** Ingest's view of every feed: status, last success, last error. */
  public List<FeedState> feeds() {
    return ingest.feeds();
  }

  /** Kafka's client port. */
  public int kafkaPort() {
    return kafkaPort;
  }

  /** Stops everything that started, newest first; safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.error("error while stopping {}", part.getClass().getSimpleName(), e);
      }
    }
  }

  private static void requireFree(int port, String what, String option) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      throw new PortInUseException(port, what + " (choose another with " + option + ")");
    }
  }

  /**
   * The demo's dashboard. An index written by an older version, or one that fails its checksums, is
   * moved aside and rebuilt, not refused as the dashboard service refuses it: the demo's own broker
   * keeps {@code articles.tagged} and {@code theme-alerts} for ever, so the replay restores every
   * article and the alert history, and a demo is not worth an error after an upgrade or a damaged
   * disk block. What was moved aside is kept for inspection.
   */
  private static DashboardService startDashboard(
      DashboardConfig config, PrometheusMeterRegistry registry) {
    DashboardService dashboard = new DashboardService(config, registry);
    try {
      dashboard.start();
      return dashboard;
    } catch (IncompatibleIndexException | DamagedIndexException e) {
      dashboard.close();
      String why = e instanceof DamagedIndexException ? "damaged" : "old";
      Path aside =
          config
              .indexDir()
              .resolveSibling(
                  config.indexDir().getFileName() + "." + why + "-" + System.currentTimeMillis());
      try {
        Files.move(config.indexDir(), aside);
      } catch (IOException moveFailed) {
        throw new UncheckedIOException(
            "cannot move the " + why + " dashboard index aside to " + aside, moveFailed);
      }
      LOG.warn(
          "{}; moved it to {} and rebuilding it from articles.tagged",
          e instanceof DamagedIndexException
              ? "the dashboard index failed its checksums"
              : "the dashboard index was written by an older version",
          aside);
      DashboardService rebuilt = new DashboardService(config, registry);
      rebuilt.start();
      return rebuilt;
    }
  }

  private static Properties readState(Path data) {
    Properties state = new Properties();
    Path file = data.resolve(STATE_FILE);
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        state.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return state;
  }

  private static void writeState(Path data, Properties state) {
    try (OutputStream out = Files.newOutputStream(data.resolve(STATE_FILE))) {
      state.store(
          out, "thesiswatch demo state: the sample server keeps its port so feed URLs stay stable");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + data.resolve(STATE_FILE), e);
    }
  }
}
