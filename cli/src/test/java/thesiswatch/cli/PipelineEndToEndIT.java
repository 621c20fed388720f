package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static thesiswatch.cli.Probes.json;
import static thesiswatch.cli.Probes.sum;
import static thesiswatch.cli.Probes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.classifier.ClassifierConfig;
import thesiswatch.classifier.ClassifierService;
import thesiswatch.cli.ops.OpsEndpoint;
import thesiswatch.cli.ops.ServiceMetrics;
import thesiswatch.common.Env;
import thesiswatch.dashboard.DashboardConfig;
import thesiswatch.dashboard.DashboardService;
import thesiswatch.ingest.IngestConfig;
import thesiswatch.ingest.IngestService;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.KafkaBroker;

/**
 * The whole pipeline on a real broker: a fixture feed served over loopback HTTP → ingest → {@code
 * articles} → classifier → {@code articles.tagged} → dashboard → its JSON API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndIT {

  private static final Path SEEDS = Path.of("..", "seeds").toAbsolutePath().normalize();
  private static final String FIXTURE = "fixture-e2e.xml";
  private static final String NIMBUS =
      "Nimbus Cloud lays off 1,200 workers, citing AI efficiency gains";
  private static final int FIXTURE_ITEMS = 6;
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  private static final Map<String, String> scrapes = new ConcurrentHashMap<>();

  @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();
  private static HttpServer feedServer;
  private static final AtomicInteger feedRequests = new AtomicInteger();

  @TempDir static Path work;

  @BeforeAll
  static void startBrokerAndFeedServer() throws IOException {
    byte[] feed = Files.readAllBytes(SEEDS.resolve("samples").resolve(FIXTURE));
    feedServer = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 8);
    feedServer.createContext(
        "/" + FIXTURE,
        exchange -> {
          feedRequests.incrementAndGet();
          try (exchange;
              OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
            exchange.sendResponseHeaders(200, feed.length);
            out.write(feed);
          }
        });
    feedServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    feedServer.stop(0);
  }

  @Test
  @Order(1)
  void aLayoffsHeadlineFlowsFromAFeedToTheDashboardAndARestartedIngestPublishesNoDuplicate()
      throws Exception {
    Env env = environment();
    PrometheusMeterRegistry ingestMetrics = registry();
    PrometheusMeterRegistry classifierMetrics = registry();
    try (DashboardService dashboard = new DashboardService(DashboardConfig.from(env), registry());
        ClassifierService classifier =
            new ClassifierService(ClassifierConfig.from(env), classifierMetrics);
        OpsEndpoint ingestOps = OpsEndpoint.start(0, ingestMetrics, () -> true);
        OpsEndpoint classifierOps = OpsEndpoint.start(0, classifierMetrics, () -> true)) {
      dashboard.start();
      classifier.start();
      String api = "http://127.0.0.1:" + dashboard.port();

      try (IngestService ingest = new IngestService(IngestConfig.from(env), ingestMetrics)) {
        ingest.start();
        JsonNode layoffs =
            Await.value(
                "the pipeline",
                PATIENCE,
                () -> json(api + "/api/articles?theme=layoffs&limit=50"),
                body -> titles(body).contains(NIMBUS));
        assertThat(titles(layoffs)).contains(NIMBUS, "星云科技宣布裁员15%，称人工智能提升效率");
        assertThat(ingest.ready()).as("ingest ready once it resumed from feed-state").isTrue();
        ingest.close();
        assertThat(ingest.ready()).as("ingest not ready once stopping").isFalse();
      }
      assertThat(kafka.committedKeys("articles")).hasSize(FIXTURE_ITEMS).doesNotHaveDuplicates();

      // Every article is tagged and indexed, tagged with a theme or not, so shares have a
      // denominator.
      JsonNode trends =
          Await.value(
              "the pipeline",
              PATIENCE,
              () -> json(api + "/api/trends?theme=layoffs&interval=day"),
              body -> sum(body, "total") == FIXTURE_ITEMS);
      assertThat(sum(trends, "count")).isEqualTo(2);

      // A restarted ingest resumes from feed-state: it fetches the feed again and publishes
      // nothing.
      int requestsBefore = feedRequests.get();
      Instant restarted = Instant.now();
      try (IngestService ingest = new IngestService(IngestConfig.from(env), ingestMetrics)) {
        ingest.start();
        Await.value(
            "the pipeline",
            PATIENCE,
            ingest::feeds,
            feeds ->
                feeds.stream()
                    .anyMatch(
                        feed ->
                            feed.lastSuccess() != null && feed.lastSuccess().isAfter(restarted)));
      }
      assertThat(feedRequests.get()).isGreaterThan(requestsBefore);
      assertThat(kafka.committedKeys("articles")).hasSize(FIXTURE_ITEMS).doesNotHaveDuplicates();
      assertThat(sum(json(api + "/api/trends?theme=layoffs&interval=day"), "total"))
          .isEqualTo(FIXTURE_ITEMS);

      scrapes.put("ingest", text("http://127.0.0.1:" + ingestOps.port() + "/metrics"));
      scrapes.put("classifier", text("http://127.0.0.1:" + classifierOps.port() + "/metrics"));
      scrapes.put("dashboard", text(api + "/metrics"));
    }
  }

  /** Each service's exposition after real traffic, validated by Prometheus's own checker. */
  @Test
  @Order(2)
  void everyServiceExposesMetricsThatPromtoolAccepts() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(PROMTOOL),
        "promtool not installed (Debian package prometheus; .ci/run installs it): metrics not"
            + " validated");
    assertThat(scrapes).containsOnlyKeys("ingest", "classifier", "dashboard");
    for (Map.Entry<String, String> scrape : scrapes.entrySet()) {
      Process promtool =
          new ProcessBuilder(PROMTOOL.toString(), "check", "metrics")
              .redirectErrorStream(true)
              .start();
      try (OutputStream in = promtool.getOutputStream()) {
        in.write(scrape.getValue().getBytes(StandardCharsets.UTF_8));
      }
      String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(promtool.waitFor())
          .as("promtool check metrics on %s:%n%s", scrape.getKey(), verdict)
          .isZero();
      assertThat(scrape.getValue())
          .as(scrape.getKey())
          .contains("jvm_memory_used_bytes")
          .doesNotContain("https://");
    }
  }

  /** The provisioned Grafana dashboard charts only metrics that the services really expose. */
  @Test
  @Order(3)
  void everyMetricTheGrafanaDashboardChartsIsExposed() throws IOException {
    assertThat(scrapes).containsOnlyKeys("ingest", "classifier", "dashboard");
    String exposed = String.join("\n", scrapes.values());
    String dashboard =
        Files.readString(Path.of("..", "ops", "grafana", "dashboards", "thesiswatch.json"));
    Matcher metric = Pattern.compile("\\b((?:thesiswatch|kafka)_[a-z0-9_]+)").matcher(dashboard);
    List<String> charted = new ArrayList<>();
    while (metric.find()) {
      charted.add(metric.group(1));
    }
    assertThat(charted).isNotEmpty();
    for (String name : charted) {
      assertThat(exposed)
          .as("metric %s charted by Grafana", name)
          .containsPattern("(?m)^" + name + "[ {]");
    }
  }

  private static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServiceMetrics.bindTo(registry);
    return registry;
  }

  private static Env environment() throws IOException {
    Path opml = work.resolve("feeds.opml");
    String url = "http://127.0.0.1:" + feedServer.getAddress().getPort() + "/" + FIXTURE;
    Files.writeString(
        opml,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0"><head><title>e2e</title></head><body>
          <outline type="rss" text="Labour Wire" xmlUrl="%s" language="en"/>
        </body></opml>
        """
            .formatted(url),
        StandardCharsets.UTF_8);
    Map<String, String> variables = new HashMap<>();
    variables.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    variables.put("FEEDS_FILE", opml.toString());
    variables.put("INGEST_ALLOW_PRIVATE", "127.0.0.1:" + feedServer.getAddress().getPort());
    variables.put("INGEST_STARTUP_SPREAD", "1s");
    // Polls often, so the restarted ingest fetches the feed again within the test.
    variables.put("INGEST_POLL_INTERVAL", "2s");
    variables.put("THEMES_FILE", SEEDS.resolve("themes.yml").toString());
    variables.put("CLASSIFIER_TRANSACTIONAL_ID", "classifier-e2e");
    variables.put("DASHBOARD_PORT", "0");
    variables.put("DASHBOARD_HOST", "127.0.0.1");
    variables.put("DASHBOARD_INDEX_DIR", work.resolve("index").toString());
    return new Env(variables);
  }

  private static List<String> titles(JsonNode body) {
    List<String> titles = new ArrayList<>();
    body.path("articles").forEach(article -> titles.add(article.path("title").asText()));
    return titles;
  }
}
