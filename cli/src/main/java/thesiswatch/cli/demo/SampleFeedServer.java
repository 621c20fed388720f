package thesiswatch.cli.demo;

import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import thesiswatch.cli.ops.SmallServer;

/**
 * Serves the bundled sample feeds over loopback HTTP, so the demo's ingest fetches them through
 * exactly the code path real feeds take (HTTP, validators, SSRF guard with an allow-listed host).
 * Served by a {@link SmallServer}: with the JDK's {@code HttpServer}, one local client that sent
 * half a request and waited stalled every sample feed's poll.
 */
final class SampleFeedServer implements AutoCloseable {

  static final String HOST = "127.0.0.1";
  private static final String PREFIX = "/samples/";

  private final Javalin server;
  private final Path dir;

  private SampleFeedServer(Javalin server, Path dir) {
    this.server = server;
    this.dir = dir;
  }

  /**
   * Serves the feed files of {@code dir} on {@code preferredPort}, or on a free port when that is
   * taken.
   */
  static SampleFeedServer start(Path dir, int preferredPort) {
    Path root = dir.toAbsolutePath().normalize();
    if (preferredPort > 0) {
      try {
        return new SampleFeedServer(serve(root, preferredPort), root);
      } catch (JavalinBindException e) {
        // Taken by something else since the last run: any port will do, feeds are re-keyed by URL.
      }
    }
    return new SampleFeedServer(serve(root, 0), root);
  }

  private static Javalin serve(Path dir, int port) {
    Javalin server = SmallServer.create("sample-feeds");
    server.get(
        PREFIX + "{name}",
        ctx -> {
          String name = ctx.pathParam("name");
          Path file = dir.resolve(name).normalize();
          if (name.contains("/")
              || !file.getParent().equals(dir)
              || !Files.isRegularFile(file)
              || !SampleFeeds.isFeed(file)) {
            ctx.status(404);
            return;
          }
          try {
            ctx.contentType(contentType(file)).result(Files.readAllBytes(file));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample feed " + file, e);
          }
        });
    return server.start(HOST, port);
  }

  /** The URL of every feed file the demo polls, in name order. */
  List<String> feedUrls() {
    return SampleFeeds.demoFeeds(dir).stream()
        .map(file -> "http://" + HOST + ":" + port() + PREFIX + file.getFileName())
        .toList();
  }

  int port() {
    return server.port();
  }

  private static String contentType(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".atom")) {
      return "application/atom+xml; charset=utf-8";
    }
    if (name.endsWith(".json")) {
      return "application/feed+json; charset=utf-8";
    }
    return "application/rss+xml; charset=utf-8";
  }

  @Override
  public void close() {
    server.stop();
  }
}
