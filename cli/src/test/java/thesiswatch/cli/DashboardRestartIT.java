package thesiswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.TestArticles;
import thesiswatch.testkit.TestKafka;
import thesiswatch.testkit.TestThemes;

/**
 * The dashboard as its own process ({@code thesiswatch dashboard}, configured by environment
 * variables), killed with SIGKILL while articles are still arriving, restarted, stopped with
 * SIGTERM and started again: every article is counted exactly once.
 */
class DashboardRestartIT {

  private static final Pattern ADDRESS = Pattern.compile("dashboard on http://localhost:(\\d+)/");

  /** A dashboard child process and the port it serves. */
  private record Child(Process process, int port) {}

  private static Child startChild(Path dir, String bootstrap, String topic, int run)
      throws IOException {
    Path log = dir.resolve("child-" + run + ".log");
    ProcessBuilder builder = ChildJvm.thesiswatch(List.of("-Xmx256m"), "dashboard");
    Map<String, String> env = builder.environment();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("TOPIC_TAGGED", topic);
    env.put("DASHBOARD_PORT", "0");
    env.put("DASHBOARD_HOST", "127.0.0.1");
    env.put("DASHBOARD_INDEX_DIR", dir.resolve("index").toString());
    env.put("THEMES_FILE", TestThemes.file().toString());
    env.put("DASHBOARD_COMMIT_INTERVAL", "300ms");
    env.put("ALERT_KAFKA", "false");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process process = builder.start();
    int[] port = new int[1];
    Await.until(
        "the child to print its address (log: " + log + ")",
        () -> {
          Matcher matcher = ADDRESS.matcher(read(log));
          if (matcher.find()) {
            port[0] = Integer.parseInt(matcher.group(1));
            return true;
          }
          assertThat(process.isAlive()).as("child alive; log:%n%s", read(log)).isTrue();
          return false;
        });
    return new Child(process, port[0]);
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long total(Child child, String query) {
    return Probes.json("http://127.0.0.1:" + child.port() + "/api/articles" + query)
        .get("total")
        .asLong();
  }

  private static Map<String, Long> layoffsPerDay(Child child) {
    Map<String, Long> perDay = new TreeMap<>();
    JsonNode buckets =
        Probes.json("http://127.0.0.1:" + child.port() + "/api/trends?theme=layoffs&interval=day")
            .get("buckets");
    buckets.forEach(
        b -> perDay.put(b.get("start").asText().substring(0, 10), b.get("count").asLong()));
    return perDay;
  }

  @Test
  void killedMidStreamAndRestartedCountsEveryArticleOnce(@TempDir Path dir) throws Exception {
    List<TaggedArticle> articles = TestArticles.tagged("tagged-spike.jsonl");
    Map<String, Long> expected = new TreeMap<>();
    for (TaggedArticle a : articles) {
      if (a.themeIds().contains("layoffs")) {
        expected.merge(
            LocalDate.ofInstant(a.effectiveTime(), ZoneOffset.UTC).toString(), 1L, Long::sum);
      }
    }
    String topic = "tagged-child";
    try (TestKafka kafka = TestKafka.start()) {
      TopicLayout.ensure(
          kafka.bootstrapServers(),
          new Topics(Topics.ARTICLES, topic, Topics.FEED_STATE, Topics.ALERTS),
          (short) 1);
      TestArticles.produce(kafka.bootstrapServers(), topic, articles.subList(0, 120));

      Child first = startChild(dir, kafka.bootstrapServers(), topic, 1);
      Await.until("the first half indexed", () -> total(first, "") == 120);
      // More arrive while the dashboard is killed without warning (no final commit).
      Thread producer =
          new Thread(
              () -> {
                for (int from = 120; from < articles.size(); from += 20) {
                  TestArticles.produce(
                      kafka.bootstrapServers(),
                      topic,
                      articles.subList(from, Math.min(from + 20, articles.size())));
                }
              });
      producer.start();
      first.process().destroyForcibly().waitFor();
      producer.join();

      Child second = startChild(dir, kafka.bootstrapServers(), topic, 2);
      Await.until(
          "all articles indexed after the kill", () -> total(second, "") == articles.size());
      assertThat(layoffsPerDay(second)).isEqualTo(expected);
      // A graceful stop (SIGTERM): the shutdown hook commits; the JVM reports the signal (128 +
      // 15).
      second.process().destroy();
      assertThat(second.process().waitFor()).isEqualTo(143);

      // Records already indexed arrive again: a new version of the same ids must replace, not add.
      TestArticles.produce(kafka.bootstrapServers(), topic, articles.subList(0, 40));
      Child third = startChild(dir, kafka.bootstrapServers(), topic, 3);
      Await.until(
          "the repeated records read",
          () ->
              Probes.text("http://127.0.0.1:" + third.port() + "/metrics")
                  .contains("thesiswatch_dashboard_articles_indexed_total 40.0"));
      assertThat(total(third, "")).isEqualTo(articles.size());
      assertThat(total(third, "?theme=layoffs"))
          .isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
      assertThat(layoffsPerDay(third)).isEqualTo(expected);
      third.process().destroy();
      assertThat(third.process().waitFor()).isEqualTo(143);
    }
  }
}
