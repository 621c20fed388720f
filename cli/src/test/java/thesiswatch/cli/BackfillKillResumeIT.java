package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import thesiswatch.common.Article;
import thesiswatch.common.BackfillState;
import thesiswatch.common.Json;
import thesiswatch.common.Topics;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.KafkaBroker;
import thesiswatch.testkit.RecordedArchive;
import thesiswatch.testkit.RecordedArchive.Behaviour;
import thesiswatch.testkit.RecordedArchive.Recorded;
import thesiswatch.testkit.RecordedArchive.Shape;
import thesiswatch.testkit.TestKafka;

/**
 * Exactly once across a kill: {@code thesiswatch backfill archive} runs in a child JVM against a
 * recorded archive, is killed with SIGKILL part-way, and is run again with the same command; at the
 * end every item of the archive's captures is in {@code articles} exactly once for a {@code
 * read_committed} reader, and the progress says done.
 */
class BackfillKillResumeIT {

  @RegisterExtension static final KafkaBroker kafka = KafkaBroker.withTransactionLog();

  static final int CAPTURES = 60;
  static final String FEED = "https://news.example/feed.xml";

  @Test
  void aBackfillKilledMidwayResumesAndPublishesEveryItemExactlyOnce() throws Exception {
    try (RecordedArchive archive = RecordedArchive.start(Shape.WAYBACK, 25)) {
      // Capture i holds items i, i+1 and i+2: every item is in up to three captures.
      for (int i = 0; i < CAPTURES; i++) {
        List<String[]> items = new ArrayList<>();
        for (int j = i; j < i + 3; j++) {
          items.add(
              new String[] {
                "Item " + j + " on compute held by a few giants",
                "https://news.example/item/" + j,
                null
              });
        }
        archive.add(
            FEED,
            new Recorded(
                String.format("202502%02d%02d0000", 1 + i / 24, i % 24),
                FEED,
                "application/rss+xml",
                RecordedArchive.rss("Example News", items),
                Behaviour.OK));
      }
      Topics topics = kafka.freshTopics();
      Map<String, String> env = new HashMap<>(topics.variables());
      env.put("INGEST_ALLOW_PRIVATE", archive.hostPort());
      List<String> command =
          List.of(
              "backfill",
              "archive",
              "--archive",
              archive.url(),
              "--feed",
              FEED,
              "--from",
              "2025-01-01",
              "--to",
              "2025-12-31",
              // 6 s in all, committed about once a second: the kill lands part-way.
              "--rate",
              "10/s",
              "--cdx-rate",
              "100/s",
              "--kafka",
              kafka.bootstrapServers());

      Process first = start(env, command, 1);
      Await.until(
          "the first run to commit some of the captures",
          () -> TestKafka.committedKeys(kafka.bootstrapServers(), topics.articles()).size() >= 15);
      first.destroyForcibly().waitFor();
      int beforeResume =
          TestKafka.committedKeys(kafka.bootstrapServers(), topics.articles()).size();
      assertThat(beforeResume).as("killed part-way").isLessThan(CAPTURES + 2);

      Process second = start(env, command, 2);
      assertThat(second.waitFor(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isZero();

      List<ConsumerRecord<String, byte[]>> records = kafka.readCommitted(topics.articles());
      Map<String, Integer> copies = new TreeMap<>();
      for (ConsumerRecord<String, byte[]> record : records) {
        copies.merge(Json.read(record.value(), Article.class).link(), 1, Integer::sum);
      }
      assertThat(copies).hasSize(CAPTURES + 2);
      assertThat(copies.values()).as("no item published twice").allMatch(n -> n == 1);
      BackfillState state = null;
      for (ConsumerRecord<String, byte[]> record : kafka.readCommitted(topics.backfillState())) {
        state = Json.read(record.value(), BackfillState.class);
      }
      assertThat(state.status()).isEqualTo(BackfillState.DONE);
      assertThat(state.done()).isEqualTo(CAPTURES);
      assertThat(state.articles()).isEqualTo(CAPTURES + 2);
      System.out.println(
          "[backfill kill] committed before the kill: "
              + beforeResume
              + " of "
              + (CAPTURES + 2)
              + " items");
    }
  }

  private static Process start(Map<String, String> env, List<String> command, int run)
      throws IOException {
    ProcessBuilder builder = ChildJvm.thesiswatch(List.of(), command.toArray(String[]::new));
    builder.environment().putAll(env);
    File log =
        Files.createDirectories(Path.of("target", "backfill-kill"))
            .resolve("child-" + run + ".log")
            .toFile();
    builder.redirectErrorStream(true).redirectOutput(log);
    return builder.start();
  }
}
