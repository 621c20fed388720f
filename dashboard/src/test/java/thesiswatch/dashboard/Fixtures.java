package thesiswatch.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import thesiswatch.common.Json;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;

/**
 * The dashboard tests' fixtures (files under {@code src/test/resources/fixtures}) and small
 * helpers; tagged articles come from {@link thesiswatch.testkit.TestArticles}.
 */
public final class Fixtures {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Fixtures() {}

  /** Copies the fixture themes file into {@code dir} and returns its path. */
  public static Path themesFile(Path dir) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/themes.yml")) {
      Path file = dir.resolve("themes.yml");
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates {@code taggedTopic} (3 partitions, as the pipeline's) so that each test reads its own
   * topic from a shared broker; the other topics keep their default names.
   */
  public static void createTopics(String bootstrapServers, String taggedTopic) {
    TopicLayout.ensure(
        bootstrapServers,
        new Topics(Topics.ARTICLES, taggedTopic, Topics.FEED_STATE, Topics.ALERTS),
        (short) 1);
  }

  /** A response: status, headers and body. */
  public record Response(int status, HttpResponse<String> raw) {
    /** The body parsed as JSON. */
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(raw.body());
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + raw.body(), e);
      }
    }

    /** The body as text. */
    public String body() {
      return raw.body();
    }

    /** A header's first value, or null. */
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  /** GETs {@code pathAndQuery} from the dashboard on {@code port}. */
  public static Response get(int port, String pathAndQuery) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The value of the unlabelled metric {@code name} on {@code /metrics} of the dashboard on {@code
   * port}.
   */
  public static double metric(int port, String name) {
    for (String line : get(port, "/metrics").body().split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).strip());
      }
    }
    throw new AssertionError("no metric " + name);
  }
}
