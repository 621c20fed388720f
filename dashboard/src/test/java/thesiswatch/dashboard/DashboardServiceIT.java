package thesiswatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.Env;
import thesiswatch.common.Json;
import thesiswatch.common.PortInUseException;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;
import thesiswatch.common.Topics;
import thesiswatch.dashboard.alert.Alert;
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
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("DASHBOARD_PORT", "0");
    env.put("DASHBOARD_HOST", "127.0.0.1");
    env.put("DASHBOARD_INDEX_DIR", dir.resolve("index").toString());
    env.put("THEMES_FILE", Fixtures.themesFile(dir).toString());
    env.put("DASHBOARD_COMMIT_INTERVAL", "200ms");
    env.put("ALERT_KAFKA", "false");
    env.putAll(extra);
    return DashboardConfig.from(new Env(env));
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
}
