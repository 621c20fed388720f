package thesiswatch.dashboard.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import thesiswatch.common.Env;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;
import thesiswatch.dashboard.DashboardConfig;
import thesiswatch.dashboard.DashboardService;
import thesiswatch.dashboard.Fixtures;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.testkit.TestKafka;

/**
 * The dashboard benchmark.
 *
 * <ul>
 *   <li>{@code build DIR N}: writes N synthetic articles ({@link BenchCorpus}) into a new index in
 *       DIR;
 *   <li>{@code serve DIR PORT SAMPLES SECONDS}: starts the embedded broker and the dashboard on a
 *       fresh copy of that index (DIR/served), measures entering → searchable latency for SAMPLES
 *       articles produced one at a time (from the send until a search over HTTP, polled every 2 ms,
 *       finds it), then keeps serving for SECONDS (for {@code wrk}). {@code DASHBOARD_HTTP_THREADS}
 *       and {@code DASHBOARD_REFRESH_INTERVAL} pass through from the environment.
 * </ul>
 */
public final class DashboardBench {

  private DashboardBench() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "build" -> build(Path.of(args[1]), Long.parseLong(args[2]));
      case "serve" ->
          serve(
              Path.of(args[1]),
              Integer.parseInt(args[2]),
              Integer.parseInt(args[3]),
              Integer.parseInt(args[4]));
      default ->
          throw new IllegalArgumentException("usage: build DIR N | serve DIR PORT SAMPLES SECONDS");
    }
  }

  private static void build(Path dir, long n) {
    long start = System.nanoTime();
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      for (long i = 0; i < n; i++) {
        index.upsert(BenchCorpus.article(i));
      }
      index.commit();
      index.refresh();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "indexed %d articles in %.1f s (%.0f/s), index size %d%n",
          index.size(), seconds, n / seconds, index.size());
    }
  }

  private static void serve(Path dir, int port, int samples, int seconds) throws Exception {
    // Each run serves a fresh copy of the built index: the index keeps the Kafka offsets it read,
    // and
    // a new embedded broker's topic starts again at 0, so a reused index would skip the new probes.
    Path served = dir.resolve("served");
    if (Files.exists(served)) {
      try (Stream<Path> old = Files.walk(served)) {
        old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(served);
    try (Stream<Path> files = Files.list(dir.resolve("index"))) {
      for (Path file : files.toList()) {
        Files.copy(file, served.resolve(file.getFileName()));
      }
    }
    // The new broker's topic starts at offset 0 whatever a previous run on this index read.
    try (ArticleIndex copy = ArticleIndex.open(served)) {
      copy.positions("articles.tagged")
          .keySet()
          .forEach(p -> copy.recordPosition("articles.tagged", p, 0));
      copy.commit();
    }
    try (TestKafka kafka = TestKafka.start()) {
      Map<String, String> env =
          new HashMap<>(
              Map.of(
                  "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                  "DASHBOARD_PORT", Integer.toString(port),
                  "DASHBOARD_HOST", "127.0.0.1",
                  "DASHBOARD_INDEX_DIR", served.toString(),
                  "THEMES_FILE",
                      Fixtures.themesFile(Files.createDirectories(dir.resolve("themes")))
                          .toString(),
                  "ALERT_KAFKA", "false",
                  // wrk is one client sending thousands of searches: no per-client cap here.
                  "DASHBOARD_SEARCHES_PER_MINUTE", "0"));
      // Settings under test pass through from the benchmark's own environment.
      for (String name : List.of("DASHBOARD_HTTP_THREADS", "DASHBOARD_REFRESH_INTERVAL")) {
        if (System.getenv(name) != null) {
          env.put(name, System.getenv(name));
        }
      }
      try (DashboardService service =
          new DashboardService(
              DashboardConfig.from(new Env(env)),
              new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
        service.start();
        System.out.println("serving http://127.0.0.1:" + service.port() + "/");
        List<Double> millis = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
          for (int s = 0; s < samples; s++) {
            String token = "probe" + s + "x" + System.nanoTime();
            TaggedArticle probe =
                new TaggedArticle(
                    1,
                    "probe-" + s,
                    null,
                    "Searchable " + token,
                    null,
                    "",
                    Instant.parse("2025-12-31T00:00:00Z"),
                    Instant.parse("2025-12-31T00:00:00Z"),
                    "en",
                    null,
                    "Probe",
                    List.of(),
                    List.of(new ThemeMatch("layoffs", 1.0, "neutral", List.of(), null)),
                    "bench",
                    Instant.now());
            long sent = System.nanoTime();
            producer
                .send(new ProducerRecord<>("articles.tagged", probe.id(), Json.bytes(probe)))
                .get();
            while (Fixtures.get(service.port(), "/api/articles?limit=1&q=" + token)
                    .json()
                    .get("total")
                    .asLong()
                == 0) {
              Thread.sleep(2);
            }
            millis.add((System.nanoTime() - sent) / 1e6);
          }
        }
        Collections.sort(millis);
        System.out.printf(
            "entering -> searchable over %d articles: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max"
                + " %.0f ms%n",
            samples,
            pct(millis, 0.50),
            pct(millis, 0.90),
            pct(millis, 0.99),
            millis.get(millis.size() - 1));
        System.out.println("serving for " + seconds + " s");
        Thread.sleep(seconds * 1000L);
      }
    }
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(props);
  }

  private static double pct(List<Double> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }
}
