package thesiswatch.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import thesiswatch.common.Env;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;
import thesiswatch.common.TopicLayout;
import thesiswatch.common.Topics;
import thesiswatch.testkit.TestArticles;

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

  /**
   * Runs {@code checks} while {@code clients} threads GET {@code pathAndQuery} over and over, so
   * that a cache is read and refilled at the same time as the checks look at it.
   */
  public static void whileFetching(int port, String pathAndQuery, int clients, Runnable checks)
      throws InterruptedException {
    AtomicBoolean done = new AtomicBoolean();
    Thread[] readers = new Thread[clients];
    for (int r = 0; r < readers.length; r++) {
      readers[r] =
          new Thread(
              () -> {
                while (!done.get()) {
                  get(port, pathAndQuery);
                }
              });
      readers[r].start();
    }
    try {
      checks.run();
    } finally {
      done.set(true);
      for (Thread reader : readers) {
        reader.join();
      }
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
   * A socket to the dashboard on {@code port} with {@code requestHead} (request line and headers,
   * each ending in CRLF, without the blank line) already sent, read timeout 10 s: for requests the
   * JDK's client will not send as written, and for reading a stream as it comes.
   */
  public static Socket rawRequest(int port, String requestHead) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write((requestHead + "\r\n").getBytes(StandardCharsets.US_ASCII));
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
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

  /**
   * Settings of a dashboard over {@code bootstrapServers} on a free loopback port, its index
   * ({@code index}) and the fixture themes file in {@code dir}, committing every 200 ms, alerts not
   * published to Kafka; {@code extra} adds or overrides variables.
   */
  public static DashboardConfig config(
      String bootstrapServers, Path dir, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("DASHBOARD_PORT", "0");
    env.put("DASHBOARD_HOST", "127.0.0.1");
    env.put("DASHBOARD_INDEX_DIR", dir.resolve("index").toString());
    env.put("THEMES_FILE", themesFile(dir).toString());
    env.put("DASHBOARD_COMMIT_INTERVAL", "200ms");
    env.put("ALERT_KAFKA", "false");
    env.putAll(extra);
    return DashboardConfig.from(new Env(env));
  }

  /**
   * A tagged article like the first fixture article (an English layoffs headline published
   * 2025-02-10), with {@code id}, {@code title}, {@code summary}, {@code themes} and {@code
   * themeSetVersion} of its own.
   */
  public static TaggedArticle article(
      String id, String title, String summary, List<ThemeMatch> themes, String themeSetVersion) {
    TaggedArticle a01 = TestArticles.tagged("tagged-small.jsonl").get(0);
    return new TaggedArticle(
        a01.schemaVersion(),
        id,
        null,
        title,
        null,
        summary,
        a01.published(),
        a01.fetched(),
        "en",
        a01.feedUrl(),
        a01.feedTitle(),
        List.of(),
        themes,
        themeSetVersion,
        a01.classified());
  }

  /**
   * {@code model}'s feed and tags on a new article {@code id} titled {@code title}, published at
   * {@code published} and fetched and classified at {@code fetched}.
   */
  public static TaggedArticle at(
      TaggedArticle model, String id, String title, Instant published, Instant fetched) {
    return new TaggedArticle(
        model.schemaVersion(),
        id,
        null,
        title,
        null,
        "",
        published,
        fetched,
        "en",
        model.feedUrl(),
        model.feedTitle(),
        List.of(),
        model.themes(),
        model.themeSetVersion(),
        fetched,
        null);
  }
}
