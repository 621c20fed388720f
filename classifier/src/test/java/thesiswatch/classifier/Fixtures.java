package thesiswatch.classifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import thesiswatch.common.Article;
import thesiswatch.common.Json;
import thesiswatch.testkit.KafkaTestClients;
import thesiswatch.testkit.TestThemes;

/** The classifier tests' fixtures: theme sets, headlines with their expected themes, articles. */
public final class Fixtures {

  /** The frozen theme set of the mechanism tests ({@link TestThemes}). */
  public static final Path THEMES = TestThemes.file();

  /** The shipped theme set users edit: only quality tests, which measure it, read it. */
  public static final Path SHIPPED_THEMES = Path.of("../seeds/themes.yml");

  private Fixtures() {}

  /** The test resource at {@code name} as a file. */
  public static Path resource(String name) {
    try {
      return Path.of(Fixtures.class.getResource(name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no test resource " + name, e);
    }
  }

  /**
   * One fixture headline: id, expected theme ids under {@link #THEMES} ({@code -} for none), title.
   */
  public record Headline(String id, String expected, String title) {}

  /** The fixture headlines of {@code articles/headlines.tsv}. */
  public static List<Headline> headlines() {
    try {
      List<String> lines =
          Files.readAllLines(resource("/articles/headlines.tsv"), StandardCharsets.UTF_8);
      List<Headline> result = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split("\t", 3);
        result.add(new Headline(cells[0], cells[1], cells[2]));
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An article with {@code id} and {@code title}, as ingest would publish it. */
  public static Article article(String id, String title) {
    Instant fetched = Instant.parse("2025-01-15T08:00:00Z");
    return new Article(
        Article.SCHEMA_VERSION,
        id,
        null,
        title,
        "https://news.example/" + id,
        "",
        fetched,
        fetched,
        null,
        "https://news.example/feed.xml",
        "Example News",
        List.of());
  }

  /** Sends an article as JSON to partition 0 of {@code topic}. */
  public static void send(KafkaProducer<String, byte[]> producer, String topic, Article article) {
    KafkaTestClients.send(producer, topic, article.id(), Json.bytes(article));
  }
}
