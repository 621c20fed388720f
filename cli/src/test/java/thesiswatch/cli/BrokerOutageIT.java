package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static thesiswatch.cli.Probes.json;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.broker.EmbeddedKafkaBroker;
import thesiswatch.classifier.ClassifierConfig;
import thesiswatch.classifier.ClassifierService;
import thesiswatch.common.Env;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;
import thesiswatch.dashboard.DashboardConfig;
import thesiswatch.dashboard.DashboardService;
import thesiswatch.ingest.IngestConfig;
import thesiswatch.ingest.IngestService;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.TestKafka;

/**
 * The broker is stopped for 30 seconds and started again (same data directory, same port) while
 * articles keep appearing in a loopback feed: ingest holds what it fetched, the classifier and the
 * dashboard reconnect, and at the end every article is in the dashboard's index exactly once and in
 * each topic once.
 */
class BrokerOutageIT {

  private static final Path SEEDS = Path.of("..", "seeds").toAbsolutePath().normalize();
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @TempDir Path work;

  private final AtomicInteger items = new AtomicInteger();

  @Test
  void everyArticleIsIndexedExactlyOnceAfterTheBrokerWasAwayForThirtySeconds() throws Exception {
    Path kafkaDir = Files.createDirectories(work.resolve("kafka"));
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(kafkaDir, 0);
    int port = broker.port();
    System.out.println(
        "[thesiswatch test] broker: embedded KRaft broker at "
            + broker.bootstrapServers()
            + " (stopped for "
            + OUTAGE
            + " and restarted by this test)");
    HttpServer feed = feedServer();
    try {
      TopicLayout.ensure(broker.bootstrapServers(), Topics.DEFAULTS, (short) 1);
      Env env = environment(broker.bootstrapServers(), feed.getAddress().getPort());
      try (DashboardService dashboard =
              new DashboardService(
                  DashboardConfig.from(env),
                  new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
          ClassifierService classifier =
              new ClassifierService(ClassifierConfig.from(env), new SimpleMeterRegistry());
          IngestService ingest =
              new IngestService(IngestConfig.from(env), new SimpleMeterRegistry())) {
        dashboard.start();
        classifier.start();
        ingest.start();
        String api = "http://127.0.0.1:" + dashboard.port();

        items.set(5);
        awaitIndexed(api, 5);
        broker.close();
        // Articles keep appearing while the broker is away: ingest fetches and holds them.
        long end = System.nanoTime() + OUTAGE.toNanos();
        while (System.nanoTime() < end) {
          items.incrementAndGet();
          Thread.sleep(3_000);
        }
        int duringOutage = items.get();
        assertThat(duringOutage).isGreaterThan(5);
        broker = EmbeddedKafkaBroker.start(kafkaDir, port);
        items.addAndGet(3);
        int total = items.get();
        awaitIndexed(api, total);

        assertThat(classifier.failure()).isEmpty();
        assertThat(ingest.failure()).isEmpty();
        assertThat(dashboard.failure()).isEmpty();
        assertThat(json(api + "/api/articles?limit=1").path("total").asInt()).isEqualTo(total);
      }
      List<String> articles = TestKafka.committedKeys(broker.bootstrapServers(), Topics.ARTICLES);
      assertThat(articles).hasSize(items.get()).doesNotHaveDuplicates();
      List<String> tagged =
          TestKafka.readCommitted(broker.bootstrapServers(), Topics.DEFAULTS.tagged()).stream()
              .map(record -> record.key())
              .toList();
      assertThat(tagged).hasSize(items.get()).doesNotHaveDuplicates();
    } finally {
      feed.stop(0);
      broker.close();
    }
  }

  private static void awaitIndexed(String api, int count) {
    Await.value(
        count + " articles indexed",
        PATIENCE,
        () -> json(api + "/api/articles?limit=1"),
        body ->
            body.path("total").asInt() == count
                && "eq".equals(body.path("totalRelation").asText()));
  }

  /** A feed of {@link #items} items, numbered from 0; the test adds items as time goes on. */
  private HttpServer feedServer() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 8);
    server.createContext(
        "/feed.xml",
        exchange -> {
          StringBuilder rss =
              new StringBuilder(
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                      + "<title>Outage Wire</title><link>https://outage.example/</link>");
          for (int i = items.get() - 1; i >= 0; i--) {
            rss.append("<item><title>Story number ")
                .append(i)
                .append(" about layoffs at company ")
                .append(i)
                .append("</title><link>https://outage.example/story/")
                .append(i)
                .append("</link><pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate></item>");
          }
          byte[] body = rss.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
          try (exchange;
              OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, body.length);
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  private Env environment(String bootstrapServers, int feedPort) throws IOException {
    Path opml = work.resolve("feeds.opml");
    Files.writeString(
        opml,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0"><head><title>outage</title></head><body>
          <outline type="rss" text="Outage Wire" xmlUrl="http://127.0.0.1:%d/feed.xml" language="en"/>
        </body></opml>
        """
            .formatted(feedPort),
        StandardCharsets.UTF_8);
    Map<String, String> variables = new HashMap<>();
    variables.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    variables.put("FEEDS_FILE", opml.toString());
    variables.put("INGEST_ALLOW_PRIVATE", "127.0.0.1:" + feedPort);
    variables.put("INGEST_STARTUP_SPREAD", "0s");
    variables.put("INGEST_POLL_INTERVAL", "1s");
    variables.put("INGEST_KAFKA_BLOCK", "2s");
    variables.put("THEMES_FILE", SEEDS.resolve("themes.yml").toString());
    variables.put("CLASSIFIER_TRANSACTIONAL_ID", "classifier-outage");
    variables.put("CLASSIFIER_POLL_TIMEOUT", "200ms");
    variables.put("DASHBOARD_PORT", "0");
    variables.put("DASHBOARD_HOST", "127.0.0.1");
    variables.put("DASHBOARD_INDEX_DIR", work.resolve("index").toString());
    variables.put("ALERT_KAFKA", "false");
    return new Env(variables);
  }
}
