package thesiswatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.Json;
import thesiswatch.common.PortInUseException;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;
import thesiswatch.common.Topics;
import thesiswatch.dashboard.alert.Alert;
import thesiswatch.dashboard.alert.WebhookAlertSink;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.KafkaBroker;
import thesiswatch.testkit.TestArticles;

/**
 * The dashboard against a real broker: tagged articles produced to {@code articles.tagged} come out
 * of the API; a restart on the same index directory shows identical counts and nothing twice.
 */
class DashboardServiceIT {

  @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();

  private static DashboardConfig config(Path dir, Map<String, String> extra) {
    return Fixtures.config(kafka.bootstrapServers(), dir, extra);
  }

  private static DashboardService start(DashboardConfig config) {
    DashboardService service =
        new DashboardService(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    service.start();
    return service;
  }

  @Test
  void producedArticlesAreServedAndARestartCountsNothingTwice(@TempDir Path dir) throws Exception {
    String topic = "tagged-restart";
    Fixtures.createTopics(kafka.bootstrapServers(), topic);
    List<TaggedArticle> articles = TestArticles.tagged("tagged-small.jsonl");
    TestArticles.produce(kafka.bootstrapServers(), topic, articles);
    DashboardConfig config = config(dir, Map.of("TOPIC_TAGGED", topic));

    JsonNode trendsBefore;
    try (DashboardService service = start(config)) {
      int port = service.port();
      Await.until(
          "12 articles indexed",
          () -> Fixtures.get(port, "/api/articles").json().get("total").asLong() == 12);

      JsonNode layoffs = Fixtures.get(port, "/api/articles?theme=layoffs&limit=10").json();
      assertThat(ids(layoffs.get("articles"))).containsExactly("a03", "a02", "a01", "a10", "a11");
      JsonNode first = layoffs.get("articles").get(0);
      assertThat(first.get("title").asText()).isEqualTo("Tech hiring rebounds as layoffs slow");
      assertThat(first.get("link").asText()).isEqualTo("https://news.example.com/a03");
      assertThat(first.get("published").asText()).isEqualTo("2025-02-11T08:00:00Z");
      assertThat(first.get("lang").asText()).isEqualTo("en");
      assertThat(first.get("source").asText()).isEqualTo("Tech Daily");
      assertThat(first.get("themes").get(0).get("id").asText()).isEqualTo("layoffs");
      assertThat(first.get("themes").get(0).get("stance").asText()).isEqualTo("challenges");

      trendsBefore = Fixtures.get(port, "/api/trends?theme=layoffs&interval=day").json();
      assertThat(trendsBefore.get("theme").asText()).isEqualTo("layoffs");
      assertThat(trendsBefore.get("interval").asText()).isEqualTo("day");
      assertThat(buckets(trendsBefore))
          .containsExactly(
              "2025-02-05T00:00:00Z 1/1",
              "2025-02-06T00:00:00Z 0/1",
              "2025-02-07T00:00:00Z 0/1",
              "2025-02-08T00:00:00Z 0/1",
              "2025-02-09T00:00:00Z 1/2",
              "2025-02-10T00:00:00Z 2/3",
              "2025-02-11T00:00:00Z 1/3");
      assertThat(trendsBefore.get("buckets").get(5).get("share").asDouble()).isEqualTo(2.0 / 3);

      assertThat(Fixtures.get(port, "/health").json().get("status").asText()).isEqualTo("up");
      assertThat(service.ready()).isTrue();
      assertThat(service.failure()).isEmpty();
      assertThat(Fixtures.get(port, "/metrics").body())
          .contains("thesiswatch_dashboard_articles_indexed_total 12.0");
    }

    // While it is down, one article is re-tagged (same id, new version) and two records repeat.
    TaggedArticle a09 = articles.get(8);
    TaggedArticle retagged =
        new TaggedArticle(
            a09.schemaVersion(),
            a09.id(),
            a09.guid(),
            a09.title(),
            a09.link(),
            a09.summary(),
            a09.published(),
            a09.fetched(),
            a09.lang(),
            a09.feedUrl(),
            a09.feedTitle(),
            a09.sources(),
            List.of(new ThemeMatch("layoffs", 1.0, "neutral", List.of("week"), null)),
            "fixture00002",
            a09.classified());
    List<TaggedArticle> more = new ArrayList<>(List.of(articles.get(0), articles.get(1), retagged));
    TestArticles.produce(kafka.bootstrapServers(), topic, more);

    try (DashboardService service = start(config)) {
      int port = service.port();
      Await.until(
          "the re-tagged article",
          () ->
              Fixtures.get(port, "/api/articles?theme=layoffs").json().get("total").asLong() == 6);
      assertThat(Fixtures.get(port, "/api/articles").json().get("total").asLong()).isEqualTo(12);
      JsonNode trendsAfter = Fixtures.get(port, "/api/trends?theme=layoffs&interval=day").json();
      assertThat(buckets(trendsAfter))
          .containsExactly(
              "2025-02-05T00:00:00Z 1/1",
              "2025-02-06T00:00:00Z 0/1",
              "2025-02-07T00:00:00Z 0/1",
              "2025-02-08T00:00:00Z 0/1",
              "2025-02-09T00:00:00Z 1/2",
              "2025-02-10T00:00:00Z 3/3",
              "2025-02-11T00:00:00Z 1/3");
    }
  }

  @Test
  void aSpikeInTheStreamIsPublishedOnceToTheAlertsTopic(@TempDir Path dir) throws Exception {
    String topic = "tagged-spike";
    Fixtures.createTopics(kafka.bootstrapServers(), topic);
    TestArticles.produce(
        kafka.bootstrapServers(), topic, TestArticles.tagged("tagged-spike.jsonl"));
    DashboardConfig config = config(dir, Map.of("TOPIC_TAGGED", topic, "ALERT_KAFKA", "true"));
    try (DashboardService service = start(config)) {
      int port = service.port();
      Await.until(
          "the alert", () -> Fixtures.get(port, "/api/alerts").json().get("alerts").size() == 1);
      JsonNode alert = Fixtures.get(port, "/api/alerts").json().get("alerts").get(0);
      assertThat(alert.get("id").asText()).isEqualTo("layoffs:day:2025-02-03T00:00:00Z");
    }
    List<ConsumerRecord<String, byte[]>> published = kafka.readCommitted(Topics.ALERTS);
    assertThat(published).hasSize(1);
    assertThat(published.get(0).key()).isEqualTo("layoffs");
    assertThat(Json.read(published.get(0).value(), Alert.class).id())
        .isEqualTo("layoffs:day:2025-02-03T00:00:00Z");
  }

  @Test
  void aTakenPortIsReportedByNumber(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      DashboardConfig config =
          config(dir, Map.of("DASHBOARD_PORT", Integer.toString(taken.getLocalPort())));
      DashboardService service =
          new DashboardService(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      assertThatThrownBy(service::start)
          .isInstanceOf(PortInUseException.class)
          .hasMessage("port " + taken.getLocalPort() + " for the dashboard is already in use");
      service.close();
    }
  }

  @Test
  void anUnstartedServiceIsNotReadyStopsAtOnceAndCannotStartAfterClose(@TempDir Path dir)
      throws Exception {
    DashboardService service =
        new DashboardService(
            config(dir, Map.of()), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    assertThat(service.ready()).isFalse();
    assertThat(service.failure()).isEmpty();
    service.close();
    service.close();
    service.awaitStopped(); // nothing runs, so nothing to wait for
    assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class);
  }

  static List<String> ids(JsonNode articles) {
    List<String> ids = new ArrayList<>();
    articles.forEach(a -> ids.add(a.get("id").asText()));
    return ids;
  }

  static List<String> buckets(JsonNode trends) {
    List<String> list = new ArrayList<>();
    trends
        .get("buckets")
        .forEach(
            b ->
                list.add(
                    b.get("start").asText()
                        + " "
                        + b.get("count").asLong()
                        + "/"
                        + b.get("total").asLong()));
    return list;
  }

  /**
   * Finding 15: a theme the classifier's hot reload added is known to the dashboard with its first
   * article, not refused as {@code unknown_theme} until a restart.
   */
  @Test
  void aThemeAddedByTheClassifiersReloadIsKnownWithItsFirstArticle(@TempDir Path dir)
      throws Exception {
    Topics topics = kafka.freshTopics();
    Map<String, String> env = new HashMap<>(topics.variables());
    DashboardConfig config = config(dir, env);
    try (DashboardService service = start(config)) {
      int port = service.port();
      assertThat(Fixtures.get(port, "/api/articles?theme=upskilling").json().get("error").asText())
          .isEqualTo("unknown_theme");
      Path file = config.themesFile();
      Files.writeString(
          file,
          Files.readString(file)
              + "  - id: upskilling\n"
              + "    name: {zh: 技能提升, en: Upskilling}\n"
              + "    claim: {zh: 学新技能, en: Workers retrain for AI}\n"
              + "    direction: rising\n");
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(3600)));
      TestArticles.produce(
          kafka.bootstrapServers(),
          topics.tagged(),
          List.of(
              Fixtures.article(
                  "a01",
                  "Big Tech layoffs continue as AI is blamed",
                  "",
                  List.of(new ThemeMatch("upskilling", 1.0, "supports", List.of("retrain"), null)),
                  "classifier-reloaded")));
      Await.until(
          "the new theme's article",
          () -> {
            Fixtures.Response response = Fixtures.get(port, "/api/articles?theme=upskilling");
            return response.status() == 200 && response.json().get("total").asLong() == 1;
          });
      assertThat(Fixtures.get(port, "/api/themes").json().get("themes")).hasSize(6);
      assertThat(buckets(Fixtures.get(port, "/api/trends?theme=upskilling&interval=day").json()))
          .containsExactly("2025-02-10T00:00:00Z 1/1");
    }
  }

  /**
   * Finding 9: rebuilding the index by the README's procedure (remove it, start the dashboard)
   * neither publishes an alert again nor posts its webhook again, and {@code /api/alerts} keeps the
   * alert history, read back from the alerts topic.
   */
  @Test
  void aRebuiltIndexNeitherRepublishesNorRepostsAndKeepsItsAlertHistory(@TempDir Path dir)
      throws Exception {
    Topics topics = kafka.freshTopics();
    // A spike yesterday: news, which the webhook posts (a spike found later is history, not
    // posted).
    Instant yesterday = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);
    List<TaggedArticle> recent = recentSpike(yesterday);
    TestArticles.produce(kafka.bootstrapServers(), topics.tagged(), recent);
    List<String> posted = new CopyOnWriteArrayList<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          posted.add(exchange.getRequestHeaders().getFirst(WebhookAlertSink.IDEMPOTENCY_HEADER));
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    try {
      Map<String, String> env = new HashMap<>(topics.variables());
      env.put("ALERT_KAFKA", "true");
      env.put("ALERT_WEBHOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
      env.put("ALERT_WEBHOOK_ALLOW_HOSTS", "127.0.0.1");
      DashboardConfig config = config(dir, env);
      String spike = Alert.idOf("layoffs", "day", yesterday);
      try (DashboardService service = start(config)) {
        int port = service.port();
        Await.until("the alert", () -> alertIds(port).equals(List.of(spike)));
      }
      assertThat(posted).containsExactly(spike);
      assertThat(publishedIds(topics)).containsExactly(spike);

      deleteRecursively(config.indexDir());
      try (DashboardService service = start(config)) {
        int port = service.port();
        Await.until(
            "the rebuilt index",
            () ->
                Fixtures.get(port, "/api/articles").json().get("total").asLong() == recent.size());
        assertThat(alertIds(port)).containsExactly(spike);
      }
      assertThat(publishedIds(topics)).containsExactly(spike);
      assertThat(posted).containsExactly(spike);
    } finally {
      receiver.stop(0);
    }
  }

  /**
   * Layoffs articles fetched now: two a day for the 20 days before {@code spikeDay}, then 15 on it,
   * one an hour (so only the day spikes).
   */
  private static List<TaggedArticle> recentSpike(Instant spikeDay) {
    List<TaggedArticle> articles = new ArrayList<>();
    for (int day = 20; day >= 1; day--) {
      Instant start = spikeDay.minus(day, ChronoUnit.DAYS);
      articles.add(layoffs("base-" + day + "-a", start.plus(3, ChronoUnit.HOURS)));
      articles.add(layoffs("base-" + day + "-b", start.plus(15, ChronoUnit.HOURS)));
    }
    for (int hour = 0; hour < 15; hour++) {
      articles.add(layoffs("spike-" + hour, spikeDay.plus(hour, ChronoUnit.HOURS)));
    }
    return articles;
  }

  private static TaggedArticle layoffs(String id, Instant published) {
    TaggedArticle model =
        Fixtures.article(
            id,
            "Layoffs at " + id,
            "",
            List.of(new ThemeMatch("layoffs", 1.0, "supports", List.of("layoffs"), null)),
            "fixture00001");
    return Fixtures.at(model, id, model.title(), published, Instant.now());
  }

  /**
   * Finding 12: clients of {@code /api/stream} that never read do not hold up indexing: they are
   * dropped when their buffer is full, while a client that reads keeps its stream.
   */
  @Test
  void indexingGoesOnWhileStreamClientsDoNotRead(@TempDir Path dir) throws Exception {
    Topics topics = kafka.freshTopics();
    Map<String, String> env = new HashMap<>(topics.variables());
    env.put("DASHBOARD_REFRESH_INTERVAL", "10ms");
    try (DashboardService service = start(config(dir, env))) {
      int port = service.port();
      List<Socket> silent = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        silent.add(openStream(port));
      }
      Socket reader = openStream(port);
      Thread reading =
          new Thread(
              () -> {
                try (InputStream in = reader.getInputStream()) {
                  in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                  // closed at the end of the test
                }
              },
              "test-stream-reader");
      reading.start();
      Await.until(
          "11 streams open",
          () -> Fixtures.metric(port, "thesiswatch_dashboard_stream_clients") == 11);

      // Thirty refreshes, each a live update with four headlines of 50,000 characters: megabytes
      // for each client, which the silent ones never take.
      List<ThemeMatch> layoffs =
          List.of(new ThemeMatch("layoffs", 1.0, "supports", List.of("layoffs"), null));
      for (int batch = 0; batch < 30; batch++) {
        List<TaggedArticle> big = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          big.add(
              Fixtures.article(
                  "big-" + batch + "-" + i,
                  "layoffs " + batch + " " + "x".repeat(50_000),
                  "",
                  layoffs,
                  "fixture00001"));
        }
        TestArticles.produce(kafka.bootstrapServers(), topics.tagged(), big);
        long expected = 4L * (batch + 1);
        Await.until(
            expected + " articles indexed",
            () -> Fixtures.get(port, "/api/articles").json().get("total").asLong() == expected);
      }
      Await.until(
          "the ten silent clients dropped",
          () -> Fixtures.metric(port, "thesiswatch_dashboard_stream_dropped_total") == 10);
      assertThat(Fixtures.metric(port, "thesiswatch_dashboard_stream_clients")).isEqualTo(1);
      for (Socket socket : silent) {
        socket.close();
      }
      reader.close();
      reading.join();
    }
  }

  private static Socket openStream(int port) throws IOException {
    Socket socket = new Socket();
    // A tiny window: the server's writes back up after a few kilobytes.
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    socket
        .getOutputStream()
        .write(
            ("GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  private static List<String> alertIds(int port) {
    List<String> ids = new ArrayList<>();
    Fixtures.get(port, "/api/alerts")
        .json()
        .get("alerts")
        .forEach(a -> ids.add(a.get("id").asText()));
    return ids;
  }

  private static List<String> publishedIds(Topics topics) {
    return kafka.readCommitted(topics.alerts()).stream()
        .map(record -> Json.read(record.value(), Alert.class).id())
        .toList();
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
