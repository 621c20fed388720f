package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import thesiswatch.common.Article;
import thesiswatch.common.ArticleIds;
import thesiswatch.common.Json;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.KafkaBroker;
import thesiswatch.testkit.TestThemes;

/**
 * SIGTERM to the classifier, run as docker compose runs it ({@code thesiswatch classifier} in its
 * own JVM), while articles stream in: it stops within a bounded time, and after a restart every
 * article is in {@code articles.tagged} exactly once under {@code read_committed}.
 */
@EnabledOnOs({OS.LINUX, OS.MAC}) // Process.destroy() is SIGTERM there
class GracefulShutdownIT {

  private static final int ARTICLES = 3000;
  @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();

  // Under target/, not a temp dir: the two classifiers' logs are what explains a failure in CI.
  private static final Path LOGS = Path.of("target", "graceful-shutdown");

  @BeforeAll
  static void createLogDirectory() throws Exception {
    Files.createDirectories(LOGS);
  }

  @Test
  void sigtermMidStreamThenRestartTagsEveryArticleExactlyOnce() throws Exception {
    Process first = classifier("first");
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int i = 0; i < ARTICLES; i++) {
        Article article = article(i);
        sent.add(
            producer.send(new ProducerRecord<>("articles", article.id(), Json.bytes(article))));
        if (i == ARTICLES / 2) {
          producer.flush();
          awaitTagged(1); // the classifier is mid-stream
          first.destroy(); // SIGTERM
        }
      }
    }
    for (Future<RecordMetadata> send : sent) {
      send.get(); // an article the test failed to publish must not pass for one the classifier lost
    }
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s of SIGTERM").isTrue();
    assertThat(first.exitValue()).as("exit status after SIGTERM").isIn(0, 143);

    Process second = classifier("second");
    try {
      List<String> keys = awaitTagged(ARTICLES);
      assertThat(keys)
          .as(
              () ->
                  "tagged after the restart; the first classifier's log ends:\n"
                      + logTail("first")
                      + "\nthe restarted one's:\n"
                      + logTail("second"))
          .hasSize(ARTICLES)
          .doesNotHaveDuplicates();
    } finally {
      second.destroy();
      second.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Process classifier(String name) throws Exception {
    ProcessBuilder builder = ChildJvm.thesiswatch(List.of("-Xmx512m"), "classifier");
    Map<String, String> env = builder.environment();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("THEMES_FILE", TestThemes.file().toString());
    env.put("CLASSIFIER_TRANSACTIONAL_ID", "classifier-graceful");
    env.put("CLASSIFIER_OPS_PORT", "0");
    builder.redirectErrorStream(true).redirectOutput(LOGS.resolve(name + ".log").toFile());
    return builder.start();
  }

  /**
   * The last lines of a classifier's log that are not Kafka's config dumps, for a failure message.
   */
  private static String logTail(String name) {
    try (Stream<String> lines = Files.lines(LOGS.resolve(name + ".log"))) {
      List<String> kept = lines.filter(line -> !line.startsWith("\t")).toList();
      return String.join("\n", kept.subList(Math.max(0, kept.size() - 40), kept.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static Article article(int i) {
    String link = "https://bench.example/a/" + i;
    String title =
        i % 3 == 0
            ? "Tech firm lays off " + i + " workers as AI takes over support"
            : "City opens new park number " + i;
    return new Article(
        Article.SCHEMA_VERSION,
        ArticleIds.idFor(link, null, title, null),
        null,
        title,
        link,
        "",
        Instant.parse("2025-02-10T00:00:00Z").plusSeconds(i),
        Instant.now(),
        "en",
        "https://bench.example/feed",
        "Bench",
        List.of());
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  /**
   * Waits until at least {@code count} tagged records are committed, then returns all their keys;
   * after two minutes returns what there is, for the assertion that follows to report beside the
   * classifiers' logs.
   */
  private static List<String> awaitTagged(int count) {
    try {
      return Await.value(
          count + " tagged articles",
          Duration.ofSeconds(120),
          GracefulShutdownIT::tagged,
          keys -> keys.size() >= count);
    } catch (AssertionError timedOut) {
      return tagged();
    }
  }

  private static List<String> tagged() {
    return kafka.committedKeys("articles.tagged");
  }
}
