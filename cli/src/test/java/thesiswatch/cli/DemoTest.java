package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.cli.demo.Demo;
import thesiswatch.common.FeedState;
import thesiswatch.common.Json;

/** The embedded demo as a user runs it: start, watch, stop, start again on the same data. */
class DemoTest {

  private static final Path SEEDS = Path.of("..", "seeds").toAbsolutePath().normalize();
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final List<String> THEMES =
      List.of("layoffs", "compute_monopoly", "gig_work", "one_person_company", "vc_funding");

  @TempDir Path data;

  @Test
  void theOfflineDemoServesTaggedSampleArticlesAndARestartChangesNoCount() throws Exception {
    Demo.Options options = new Demo.Options(data, 0, 0, true, SEEDS);
    List<Long> countsBefore;
    try (Demo demo = Demo.start(options)) {
      String api = "http://127.0.0.1:" + demo.dashboardPort();
      awaitTrue(() -> get(api + "/api/articles?theme=layoffs&limit=5").path("articles").size() > 0);
      awaitTrue(() -> demo.feeds().stream().allMatch(feed -> FeedState.OK.equals(feed.status())));
      long published = distinctArticles(demo.kafkaPort());
      // Drained: every article ingest published is classified and indexed.
      awaitTrue(() -> counts(api).get(0) == published);
      countsBefore = awaitStable(() -> counts(api));
      assertThat(countsBefore.get(0)).as("articles indexed").isEqualTo(published).isGreaterThan(450);

      assertThatThrownBy(() -> Demo.start(options))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is locked by another running thesiswatch demo");
    }
    try (Demo demo = Demo.start(options)) {
      String api = "http://127.0.0.1:" + demo.dashboardPort();
      // Ingest resumes each feed's state (and schedule) from the feed-state topic.
      awaitTrue(() -> !demo.feeds().isEmpty() && demo.feeds().stream().allMatch(feed -> FeedState.OK.equals(feed.status())));
      assertThat(awaitStable(() -> counts(api))).isEqualTo(countsBefore);
    }
  }

  @Test
  void aTakenPortIsNamedWithTheOptionThatChangesIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
      StringWriter err = new StringWriter();
      int status = Main.commandLine().setErr(new PrintWriter(err))
          .execute("demo", "--offline", "--data", data.toString(), "--port", String.valueOf(taken.getLocalPort()));
      assertThat(status).isEqualTo(2);
      assertThat(err.toString().strip()).isEqualTo("thesiswatch demo: port " + taken.getLocalPort()
          + " for the dashboard (choose another with --port) is already in use");
    }
  }

  /** Distinct keys among the committed records of {@code articles}. */
  private static long distinctArticles(int kafkaPort) {
    Set<String> keys = new HashSet<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor("articles").stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> keys.add(record.key()));
      }
    }
    return keys.size();
  }

  /** Total articles, then each theme's count, summed over all daily buckets. */
  private static List<Long> counts(String api) {
    long total = sum(get(api + "/api/trends?theme=layoffs&interval=day"), "total");
    List<Long> counts = new ArrayList<>(List.of(total));
    for (String theme : THEMES) {
      counts.add(sum(get(api + "/api/trends?theme=" + theme + "&interval=day"), "count"));
    }
    return counts;
  }

  private static long sum(JsonNode trends, String field) {
    long total = 0;
    for (JsonNode bucket : trends.path("buckets")) {
      total += bucket.path(field).asLong();
    }
    return total;
  }

  private static JsonNode get(String url) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(response.statusCode()).as("GET %s → %s", url, response.body()).isEqualTo(200);
      return Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + url + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("condition still false after " + PATIENCE);
      }
      Thread.sleep(250);
    }
  }

  /** The value once two readings two seconds apart agree: the pipeline has drained. */
  private static <T> T awaitStable(Supplier<T> probe) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    T previous = probe.get();
    while (true) {
      Thread.sleep(2000);
      T current = probe.get();
      if (current.equals(previous)) {
        return current;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("still changing after " + PATIENCE + ": " + current);
      }
      previous = current;
    }
  }
}
