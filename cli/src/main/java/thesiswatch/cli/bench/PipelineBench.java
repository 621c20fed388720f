package thesiswatch.cli.bench;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import thesiswatch.broker.EmbeddedKafkaBroker;
import thesiswatch.classifier.ClassifierConfig;
import thesiswatch.classifier.ClassifierService;
import thesiswatch.common.Article;
import thesiswatch.common.Env;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;
import thesiswatch.dashboard.DashboardConfig;
import thesiswatch.dashboard.DashboardService;

/**
 * The whole-pipeline benchmark: {@code count} articles made from the bundled sample headlines
 * (Chinese and English, their real lengths and theme mix, each repeated under distinct links) are
 * produced straight to {@code articles} on an embedded broker; then the classifier and the
 * dashboard start, and the clock runs until the dashboard's index holds all of them — transactions,
 * Kafka hops and indexing included. It reports the broker's produce rate, the end to end rate, the
 * index's lag over time, CPU per article by stage (from the threads' CPU time) and the peak heap,
 * and ends with one line comparing the two rates.
 */
public final class PipelineBench {

  /** How often the lag is sampled. */
  private static final Duration SAMPLE = Duration.ofMillis(500);

  private final List<Article> headlines;
  private final Path themes;
  private final PrintStream out;

  /**
   * A benchmark over {@code headlines} (templates: their links are replaced), tagging with {@code
   * themes}, reporting to {@code out}.
   */
  public PipelineBench(List<Article> headlines, Path themes, PrintStream out) {
    if (headlines.isEmpty()) {
      throw new IllegalArgumentException("the benchmark needs at least one headline");
    }
    this.headlines = List.copyOf(headlines);
    this.themes = themes;
    this.out = out;
  }

  /** Runs it with {@code count} articles; returns the end-to-end rate in articles per second. */
  public double run(int count) throws Exception {
    Path work = Files.createTempDirectory("thesiswatch-bench");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), 0)) {
      TopicLayout.ensure(broker.bootstrapServers(), Topics.DEFAULTS, (short) 1);
      double produceRate = BenchArticles.produce(broker.bootstrapServers(), headlines, count);
      out.printf("broker: produced %,d articles at %,.0f articles/s%n", count, produceRate);

      Map<String, Long> cpuBefore = cpuByStage(threads);
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      Env env = env(broker.bootstrapServers(), work);
      Instant start = Instant.now();
      try (DashboardService dashboard = new DashboardService(DashboardConfig.from(env), registry);
          ClassifierService classifier =
              new ClassifierService(ClassifierConfig.from(env), registry)) {
        dashboard.start();
        classifier.start();
        Gauge indexed = registry.get("thesiswatch.dashboard.index.articles").gauge();
        List<String> lag = new ArrayList<>();
        long nextReport = 0;
        while (indexed.value() < count) {
          Thread.sleep(SAMPLE.toMillis());
          long seconds = Duration.between(start, Instant.now()).toSeconds();
          if (seconds >= nextReport) {
            lag.add(seconds + "s:" + (count - (long) indexed.value()));
            nextReport = seconds + 5;
          }
        }
        Duration elapsed = Duration.between(start, Instant.now());
        double endToEnd = count * 1000.0 / Math.max(1, elapsed.toMillis());
        out.printf(
            "pipeline: classified and indexed %,d articles in %,d ms%n", count, elapsed.toMillis());
        out.println("index lag (articles not yet searchable), every 5 s: " + String.join(" ", lag));
        Map<String, Long> cpu = cpuByStage(threads);
        cpu.replaceAll((stage, nanos) -> nanos - cpuBefore.getOrDefault(stage, 0L));
        cpu.forEach(
            (stage, nanos) ->
                out.printf("cpu %s: %.3f ms per article%n", stage, nanos / 1e6 / count));
        Timer batches = registry.get("thesiswatch.classifier.batch").timer();
        out.printf(
            "classifier transactions: %,d, %.0f articles and %.1f ms each (tag, send, commit)%n",
            batches.count(),
            (double) count / Math.max(1, batches.count()),
            batches.mean(TimeUnit.MILLISECONDS));
        out.printf("peak heap: %,d MiB%n", peakHeapBytes() / (1024 * 1024));
        out.printf(
            "pipeline: %,.0f articles/s end to end; broker produce %,.0f articles/s in the same"
                + " run; ratio %.3f%n",
            endToEnd, produceRate, endToEnd / produceRate);
        return endToEnd;
      }
    }
  }

  /**
   * The services' settings: the process environment (so a run can try, say, another {@code
   * CLASSIFIER_BATCH_SIZE}), with the benchmark's own broker, index and ports over it.
   */
  private Env env(String bootstrapServers, Path work) {
    Map<String, String> settings = new HashMap<>(System.getenv());
    settings.putAll(
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            bootstrapServers,
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
    return new Env(settings);
  }

  /** CPU time of the live threads, by stage: the classifier, the dashboard, Kafka, the rest. */
  private static Map<String, Long> cpuByStage(ThreadMXBean threads) {
    Map<String, Long> stages = new TreeMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long nanos = threads.getThreadCpuTime(info.getThreadId());
      if (nanos > 0) {
        stages.merge(stage(info.getThreadName()), nanos, Long::sum);
      }
    }
    return stages;
  }

  private static String stage(String thread) {
    if (thread.startsWith("classifier")) {
      return "classifier";
    }
    if (thread.startsWith("dashboard")) {
      return "dashboard";
    }
    if (thread.startsWith("kafka-producer")
        || thread.startsWith("kafka-coordinator")
        || thread.contains("Consumer")
        || thread.contains("consumer")) {
      return "kafka clients";
    }
    if (thread.startsWith("data-plane")
        || thread.startsWith("kafka")
        || thread.startsWith("quorum")
        || thread.startsWith("broker")
        || thread.contains("ReplicaFetcher")
        || thread.contains("log-cleaner")
        || thread.startsWith("ExpirationReaper")
        || thread.startsWith("group-coordinator")
        || thread.startsWith("transaction")) {
      return "broker";
    }
    return "other (JVM, GC, HTTP, metrics)";
  }

  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
