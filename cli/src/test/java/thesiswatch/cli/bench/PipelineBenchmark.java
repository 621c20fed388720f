package thesiswatch.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import thesiswatch.broker.EmbeddedKafkaBroker;
import thesiswatch.classifier.ClassifierConfig;
import thesiswatch.classifier.ClassifierService;
import thesiswatch.common.Article;
import thesiswatch.common.ArticleIds;
import thesiswatch.common.Env;
import thesiswatch.common.Json;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;
import thesiswatch.dashboard.DashboardConfig;
import thesiswatch.dashboard.DashboardService;

/**
 * The whole-pipeline benchmark: N articles (the development set's headlines, repeated with distinct
 * ids) are produced to {@code articles} on an embedded broker, and the clock runs until the
 * dashboard counts all N — classifier transactions, Kafka hops and indexing included.
 *
 * <p>Run it (see docs/benchmarks.md): {@code ./mvnw -B -q -pl cli -am test-compile
 * dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test} then {@code
 * java -cp "cli/target/test-classes:cli/target/classes:$(cat cli/target/cp.txt)"
 * thesiswatch.cli.bench.PipelineBenchmark 100000}.
 */
public final class PipelineBenchmark {

  private static final Path ROOT =
      Path.of(System.getProperty("thesiswatch.root", ".")).toAbsolutePath().normalize();

  private PipelineBenchmark() {}

  /** Runs the benchmark with {@code args[0]} articles (default 50,000). */
  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    List<String[]> headlines = headlines();
    Path work = Files.createTempDirectory("thesiswatch-bench");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), 0)) {
      TopicLayout.ensure(broker.bootstrapServers(), Topics.DEFAULTS, (short) 1);
      Instant producing = Instant.now();
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  broker.bootstrapServers(),
                  ProducerConfig.LINGER_MS_CONFIG,
                  10),
              new StringSerializer(),
              new ByteArraySerializer())) {
        for (int i = 0; i < count; i++) {
          String[] headline = headlines.get(i % headlines.size());
          String link = "https://bench.example/" + i;
          Article article =
              new Article(
                  Article.SCHEMA_VERSION,
                  ArticleIds.idFor(link, null, headline[1], null),
                  null,
                  headline[1],
                  link,
                  "",
                  Instant.parse("2025-01-06T00:00:00Z").plusSeconds(60L * i),
                  Instant.now(),
                  headline[0],
                  "https://bench.example/feed",
                  "Bench",
                  List.of());
          producer.send(new ProducerRecord<>("articles", article.id(), Json.bytes(article)));
        }
      }
      Duration produced = Duration.between(producing, Instant.now());
      System.out.printf(
          "produced %,d articles in %d ms (%,.0f/s)%n",
          count, produced.toMillis(), count * 1000.0 / produced.toMillis());

      Map<String, String> variables = new HashMap<>();
      variables.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
      variables.put("THEMES_FILE", ROOT.resolve("seeds/themes.yml").toString());
      variables.put("DASHBOARD_PORT", "0");
      variables.put("DASHBOARD_HOST", "127.0.0.1");
      variables.put("DASHBOARD_INDEX_DIR", work.resolve("index").toString());
      variables.put("CLASSIFIER_TRANSACTIONAL_ID", "classifier-bench");
      Env env = new Env(variables);
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      Instant start = Instant.now();
      try (DashboardService dashboard = new DashboardService(DashboardConfig.from(env), registry);
          ClassifierService classifier =
              new ClassifierService(ClassifierConfig.from(env), registry)) {
        dashboard.start();
        classifier.start();
        String trends =
            "http://127.0.0.1:" + dashboard.port() + "/api/trends?theme=layoffs&interval=week";
        HttpClient http = HttpClient.newHttpClient();
        long counted = 0;
        while (counted < count) {
          Thread.sleep(200);
          String body =
              http.send(
                      HttpRequest.newBuilder(URI.create(trends)).build(),
                      HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                  .body();
          counted = 0;
          for (JsonNode bucket : Json.MAPPER.readTree(body).path("buckets")) {
            counted += bucket.path("total").asLong();
          }
        }
        Duration elapsed = Duration.between(start, Instant.now());
        System.out.printf(
            "classified and indexed %,d articles in %d ms: %,.0f articles/s end to end%n",
            count, elapsed.toMillis(), count * 1000.0 / elapsed.toMillis());
      }
    }
  }

  /** {lang, headline} pairs of the development set. */
  private static List<String[]> headlines() throws Exception {
    List<String[]> result = new ArrayList<>();
    List<String> lines =
        Files.readAllLines(ROOT.resolve("classifier/src/test/resources/devset/headlines.tsv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] columns = line.split("\t");
      result.add(new String[] {columns[0], columns[2]});
    }
    return result;
  }
}
