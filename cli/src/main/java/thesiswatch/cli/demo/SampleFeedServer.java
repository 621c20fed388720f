package thesiswatch.cli.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Serves the bundled sample feeds over loopback HTTP, so the demo's ingest fetches them through
 * exactly the code path real feeds take (HTTP, validators, SSRF guard with an allow-listed host).
 */
final class SampleFeedServer implements AutoCloseable {

  static final String HOST = "127.0.0.1";
  private static final String PREFIX = "/samples/";

  private final HttpServer server;
  private final Path dir;

  private SampleFeedServer(HttpServer server, Path dir) {
    this.server = server;
    this.dir = dir;
  }

  /**
   * Serves the feed files of {@code dir} on {@code preferredPort}, or on a free port when that is
   * taken.
   */
  static SampleFeedServer start(Path dir, int preferredPort) {
    HttpServer server;
    try {
      server = bind(preferredPort);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve sample feeds", e);
    }
    SampleFeedServer samples = new SampleFeedServer(server, dir);
    server.createContext(
        PREFIX,
        exchange -> {
          try (exchange) {
            String name = exchange.getRequestURI().getPath().substring(PREFIX.length());
            Path file = dir.resolve(name).normalize();
            if (name.contains("/")
                || !file.startsWith(dir)
                || !Files.isRegularFile(file)
                || !SampleFeeds.isFeed(file)) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type", contentType(file));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
    return samples;
  }

  private static HttpServer bind(int preferredPort) throws IOException {
    if (preferredPort > 0) {
      try {
        return HttpServer.create(
            new InetSocketAddress(InetAddress.getByName(HOST), preferredPort), 16);
      } catch (BindException e) {
        // Taken by something else since the last run: any port will do, feeds are re-keyed by URL.
      }
    }
    return HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), 0), 16);
  }

  /** The URL of every feed file the demo polls, in name order. */
  List<String> feedUrls() {
    return SampleFeeds.demoFeeds(dir).stream()
        .map(file -> "http://" + HOST + ":" + port() + PREFIX + file.getFileName())
        .toList();
  }

  int port() {
    return server.getAddress().getPort();
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
    server.stop(0);
  }
}
