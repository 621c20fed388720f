package thesiswatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.BackfillState;
import thesiswatch.common.DeadLetter;
import thesiswatch.common.Json;
import thesiswatch.common.Topics;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.KafkaBroker;
import thesiswatch.testkit.KafkaTestClients;
import thesiswatch.testkit.TestArticles;

/**
 * Findings 4 and 5, build items 2 and 3: whatever a record of {@code articles.tagged}, {@code
 * feed-state} or {@code backfill-state} holds — garbage, tombstones, absurd numbers, times out of
 * any range, a term Lucene cannot index — the reader goes on; every tagged record that cannot be
 * indexed is on {@code articles.tagged.dlq} with its kind and source position, once, even after the
 * index is rebuilt; the records around it are indexed once; an insane fetch time adds no bucket and
 * does not move the scorecard's "as of".
 */
class PoisonRecordsIT {

  @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();

  /** The day after the fixture articles were fetched: the scorecard is judged as of it. */
  private static final Instant TODAY = Instant.parse("2025-03-02T00:00:00Z");

  private static final List<String> FIXTURE = TestArticles.lines("tagged-small.jsonl");

  private static byte[] fixture(int index, Map<String, Object> changes) {
    try {
      ObjectNode node = (ObjectNode) Json.MAPPER.readTree(FIXTURE.get(index));
      changes.forEach((field, value) -> node.set(field, Json.MAPPER.valueToTree(value)));
      return Json.MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static DashboardService start(Path dir, Topics topics) {
    DashboardService service =
        new DashboardService(
            Fixtures.config(kafka.bootstrapServers(), dir, topics.variables()),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            new HandClock(TODAY),
            UnaryOperator.identity());
    service.start();
    return service;
  }

  @Test
  void noValueStopsTheReaderAndEveryUnindexableRecordIsDeadLetteredOnce(@TempDir Path dir)
      throws IOException {
    Topics topics = kafka.freshTopics();
    String tagged = topics.tagged();
    try (KafkaProducer<String, byte[]> producer =
        KafkaTestClients.producer(kafka.bootstrapServers())) {
      KafkaTestClients.send(producer, tagged, "a01", utf8(FIXTURE.get(0))); // 0
      KafkaTestClients.send(producer, tagged, "x1", utf8("{not json")); // 1
      KafkaTestClients.send(producer, tagged, "x2", null); // 2: tombstone
      KafkaTestClients.send(producer, tagged, "x3", new byte[0]); // 3
      KafkaTestClients.send(producer, tagged, "x4", utf8("null")); // 4
      KafkaTestClients.send(
          producer,
          tagged,
          "x5",
          fixture(1, Map.of("id", "far-future", "fetched", "9999-12-31T00:00:00Z"))); // 5
      KafkaTestClients.send(
          producer,
          tagged,
          "ancient",
          fixture(
              1,
              Map.of(
                  "id", "ancient",
                  "published", "-300000000-01-01T00:00:00Z",
                  "fetched", "2025-02-11T10:00:00Z"))); // 6: indexed at its fetch time
      KafkaTestClients.send(
          producer,
          tagged,
          "x7",
          fixture(
              2,
              Map.of(
                  "id",
                  "immense",
                  "themes",
                  List.of(Map.of("id", "t".repeat(40_000), "stance", "neutral"))))); // 7
      KafkaTestClients.send(
          producer,
          tagged,
          "x8",
          utf8("{\"id\":\"x8\",\"fetched\":\"2025-02-11T00:00:00Z\"}")); // 8
      KafkaTestClients.send(
          producer, tagged, "x9", fixture(3, Map.of("id", "x9", "schemaVersion", 1e300))); // 9
      for (int i = 1; i < FIXTURE.size(); i++) {
        KafkaTestClients.send(producer, tagged, "a" + i, utf8(FIXTURE.get(i)));
      }
      String feedState = topics.feedState();
      KafkaTestClients.send(producer, feedState, "https://a.example/feed", utf8("\u0000garbage"));
      KafkaTestClients.send(producer, feedState, "https://gone.example/feed", null);
      KafkaTestClients.send(
          producer,
          feedState,
          "https://b.example/feed",
          utf8(
              "{\"url\":\"https://b.example/feed\",\"status\":\"failing\","
                  + "\"consecutiveErrors\":100000000000000000000}"));
      KafkaTestClients.send(
          producer,
          feedState,
          "https://c.example/feed",
          utf8(
              "{\"url\":\"https://c.example/feed\",\"status\":\"ok\","
                  + "\"nextPoll\":\"+999999999-12-31T23:59:59Z\",\"itemsSeen\":3}"));
      KafkaTestClients.send(
          producer,
          feedState,
          "https://d.example/feed",
          utf8("{\"url\":\"https://d.example/feed\",\"status\":\"weird\"}"));
      String backfillState = topics.backfillState();
      String unit = BackfillState.keyOf("csv", "history.csv", null);
      String good =
          "{\"key\":\"csv history.csv\",\"source\":\"csv\",\"origin\":\"history.csv\","
              + "\"status\":\"done\",\"total\":3,\"done\":3,\"articles\":2}";
      KafkaTestClients.send(producer, backfillState, unit, utf8(good));
      KafkaTestClients.send(producer, backfillState, "csv a.csv", utf8("{garbage"));
      String other = good.replace("history.csv", "other.csv");
      for (String bad :
          List.of(
              other.replace("done\",\"total", "weird\",\"total"),
              other.replace("\"articles\":2", "\"articles\":-5"),
              other.replace("\"total\":3", "\"total\":-9"),
              other.replace("}", ",\"capturesByDay\":{\"yesterday\":1}}"),
              other.replace("\"source\":\"csv\"", "\"source\":\"jsonl\""))) {
        KafkaTestClients.send(producer, backfillState, "csv other.csv", utf8(bad));
      }
      // Another unit's state under a key: shown or resumed from, it would be the wrong unit's.
      KafkaTestClients.send(
          producer, backfillState, "csv other.csv", utf8(good.replace("history.csv", "stray.csv")));
      // Last on the topic's one partition: once it is shown, every record above has been read.
      KafkaTestClients.send(
          producer, backfillState, "csv last.csv", utf8(good.replace("history.csv", "last.csv")));
    }

    try (DashboardService service = start(dir, topics)) {
      int port = service.port();
      // 12 fixture articles and the ancient one, which counts at its fetch time.
      Await.until(
          "13 articles indexed",
          () -> Fixtures.get(port, "/api/articles").json().get("total").asLong() == 13);
      assertThat(service.failure()).isEmpty();
      assertThat(Fixtures.get(port, "/health").json().get("status").asText()).isEqualTo("up");
      JsonNode ancient = Fixtures.get(port, "/api/articles?q=" + "%E8%A3%81%E5%91%98").json();
      assertThat(DashboardServiceIT.ids(ancient.get("articles"))).containsExactly("ancient", "a02");
      assertThat(ancient.get("articles").get(0).get("published").isNull()).isTrue();
      assertThat(ancient.get("articles").get(0).get("time").asText())
          .isEqualTo("2025-02-11T10:00:00Z");
      // No bucket in 9999, no bucket before 1990: the fixture's days, the ancient one on 02-11.
      assertThat(
              DashboardServiceIT.buckets(
                  Fixtures.get(port, "/api/trends?theme=layoffs&interval=day").json()))
          .containsExactly(
              "2025-02-05T00:00:00Z 1/1",
              "2025-02-06T00:00:00Z 0/1",
              "2025-02-07T00:00:00Z 0/1",
              "2025-02-08T00:00:00Z 0/1",
              "2025-02-09T00:00:00Z 1/2",
              "2025-02-10T00:00:00Z 2/3",
              "2025-02-11T00:00:00Z 2/4");
      // The far-future record moved no window of the scorecard: it is judged as of today.
      Fixtures.Response scorecard = Fixtures.get(port, "/api/scorecard");
      assertThat(scorecard.json().get("asOf").asText()).isEqualTo(TODAY.toString());
      assertThat(scorecard.body()).doesNotContain("9999");
      JsonNode feeds = Fixtures.get(port, "/api/feeds").json().get("feeds");
      assertThat(feeds).hasSize(1);
      assertThat(feeds.get(0).get("url").asText()).isEqualTo("https://c.example/feed");
      assertThat(feeds.get(0).get("nextPoll").asText()).isEqualTo("+999999999-12-31T23:59:59Z");
      // Only the valid backfill state is shown; the refused ones are logged, none stops the reader.
      Await.until(
          "the last backfill state shown",
          () -> Fixtures.get(port, "/api/backfill").body().contains("last.csv"));
      JsonNode backfills = Fixtures.get(port, "/api/backfill").json().get("backfills");
      assertThat(backfills)
          .extracting(unit -> unit.get("origin").asText())
          .containsExactlyInAnyOrder("history.csv", "last.csv");
      assertThat(backfills)
          .allSatisfy(unit -> assertThat(unit.get("status").asText()).isEqualTo("done"));
      assertThat(Fixtures.get(port, "/metrics").body())
          .contains("thesiswatch_dashboard_records_dead_lettered_total{kind=\"empty\"} 2.0")
          .contains("thesiswatch_dashboard_records_published_dropped_total 1.0")
          .contains("thesiswatch_dashboard_feed_states_skipped_total 3.0");
    }
    List<String> letters = letters(Topics.dlq(tagged));
    assertThat(letters)
        .containsExactly(
            "1 invalid_json x1 {not json",
            "2 empty x2 null",
            "3 empty x3 ",
            "4 invalid_article x4 null",
            "5 time_out_of_range x5 "
                + new String(
                    fixture(1, Map.of("id", "far-future", "fetched", "9999-12-31T00:00:00Z")),
                    StandardCharsets.UTF_8),
            "7 unindexable x7 (immense)",
            "8 invalid_article x8 {\"id\":\"x8\",\"fetched\":\"2025-02-11T00:00:00Z\"}",
            "9 invalid_article x9 (schemaVersion)");

    // Rebuilt by the README's procedure: every record is read again, no letter is written twice.
    DashboardServiceIT.deleteRecursively(dir.resolve("index"));
    try (DashboardService service = start(dir, topics)) {
      int port = service.port();
      Await.until(
          "13 articles indexed again",
          () -> Fixtures.get(port, "/api/articles").json().get("total").asLong() == 13);
    }
    assertThat(letters(Topics.dlq(tagged))).isEqualTo(letters);
  }

  /** Each letter as "offset kind key value", long values shortened to what identifies them. */
  private static List<String> letters(String dlq) {
    return kafka.readCommitted(dlq).stream().map(PoisonRecordsIT::describe).toList();
  }

  private static String describe(ConsumerRecord<String, byte[]> letter) {
    assertThat(DeadLetter.header(letter.headers(), DeadLetter.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(DeadLetter.header(letter.headers(), DeadLetter.ERROR_MESSAGE)).isNotBlank();
    String value =
        letter.value() == null ? "null" : new String(letter.value(), StandardCharsets.UTF_8);
    if (value.contains("tttttttttt")) {
      value = "(immense)";
    } else if (value.contains("\"schemaVersion\":1.0E300")) {
      value = "(schemaVersion)";
    }
    return DeadLetter.header(letter.headers(), DeadLetter.SOURCE_OFFSET)
        + " "
        + DeadLetter.header(letter.headers(), DeadLetter.ERROR_KIND)
        + " "
        + letter.key()
        + " "
        + value;
  }
}
