package thesiswatch.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web archive on loopback for backfill tests: serves recorded captures of feeds over the CDX
 * server API and their bytes at {@code /web/{timestamp}id_/{original}}, in the Wayback Machine's
 * shape (a JSON array whose first row names the fields, paged with a {@code resumeKey}) or pywb's
 * (newline-delimited JSON objects at {@code /web/cdx}, no {@code /cdx/search/cdx}). Captures can
 * misbehave on purpose: a 404, a 429 with {@code Retry-After} before the real answer, an HTML error
 * page. Every request is recorded.
 */
public final class RecordedArchive implements AutoCloseable {

  /** Which archive software this one answers like. */
  public enum Shape {
    /** The Wayback Machine: {@code /cdx/search/cdx}, JSON rows, {@code resumeKey} paging. */
    WAYBACK,
    /** pywb: {@code /web/cdx}, newline-delimited JSON objects without {@code original}. */
    PYWB
  }

  /** How a capture answers. */
  public enum Behaviour {
    /** 200 with the recorded body. */
    OK,
    /** 404, as an archive answers for a capture it lost. */
    NOT_FOUND,
    /** 429 with {@code Retry-After: 1} the first time, then the recorded body. */
    RATE_LIMITED_ONCE
  }

  /**
   * One recorded capture.
   *
   * @param timestamp 14 digits (or fewer)
   * @param original the URL as the archive captured it
   * @param contentType the recorded {@code Content-Type}
   * @param body the recorded bytes
   * @param behaviour how it answers
   */
  public record Recorded(
      String timestamp, String original, String contentType, String body, Behaviour behaviour) {}

  private final HttpServer server;
  private final Shape shape;
  private final int pageSize;
  private final Map<String, List<Recorded>> byFeed = new LinkedHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();

  private RecordedArchive(HttpServer server, Shape shape, int pageSize) {
    this.server = server;
    this.shape = shape;
    this.pageSize = pageSize;
  }

  /** An archive of {@code shape} listing {@code pageSize} captures per CDX page. */
  public static RecordedArchive start(Shape shape, int pageSize) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      RecordedArchive archive = new RecordedArchive(server, shape, pageSize);
      server.createContext("/", archive::handle);
      server.start();
      return archive;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records {@code capture} as one of the feed {@code feedUrl} (the URL the CDX query names). */
  public synchronized RecordedArchive add(String feedUrl, Recorded capture) {
    byFeed.computeIfAbsent(feedUrl, k -> new ArrayList<>()).add(capture);
    return this;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code 127.0.0.1:PORT}, for {@code INGEST_ALLOW_PRIVATE}. */
  public String hostPort() {
    return "127.0.0.1:" + port();
  }

  /** Every request so far (path and query), in order. */
  public List<String> requests() {
    return Collections.unmodifiableList(requests);
  }

  /** An RSS 2.0 document of {@code items}, each {@code {title, link, pubDate or null}}. */
  public static String rss(String title, List<String[]> items) {
    StringBuilder out =
        new StringBuilder(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>")
            .append("<title>")
            .append(title)
            .append("</title><link>https://news.example/</link>");
    for (String[] item : items) {
      out.append("<item><title>").append(item[0]).append("</title>");
      out.append("<link>").append(item[1]).append("</link>");
      if (item.length > 2 && item[2] != null) {
        out.append("<pubDate>").append(item[2]).append("</pubDate>");
      }
      out.append("</item>");
    }
    return out.append("</channel></rss>").toString();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      requests.add(query == null ? path : path + "?" + query);
      boolean cdx =
          shape == Shape.WAYBACK ? path.equals("/cdx/search/cdx") : path.equals("/web/cdx");
      if (cdx) {
        listing(exchange, parameters(query));
      } else if (path.startsWith("/web/") && path.contains("id_/")) {
        capture(exchange, path);
      } else {
        send(exchange, 404, "text/html", "<html><body>Not found</body></html>", null);
      }
    }
  }

  private synchronized void listing(HttpExchange exchange, Map<String, String> query)
      throws IOException {
    List<Recorded> captures = byFeed.getOrDefault(query.get("url"), List.of());
    int start = query.containsKey("resumeKey") ? Integer.parseInt(query.get("resumeKey")) : 0;
    if (shape == Shape.PYWB) {
      StringBuilder lines = new StringBuilder();
      for (Recorded capture : captures) {
        // pywb names the original "url", so fl=...,original,... leaves it out.
        lines
            .append("{\"timestamp\": \"")
            .append(capture.timestamp())
            .append("\", \"digest\": \"sha1:")
            .append(Integer.toHexString(capture.body().hashCode()))
            .append("\"}\n");
      }
      send(exchange, 200, "text/x-ndjson", lines.toString(), null);
      return;
    }
    StringBuilder rows = new StringBuilder("[[\"timestamp\",\"original\",\"digest\"]");
    int end = Math.min(captures.size(), start + pageSize);
    for (Recorded capture : captures.subList(start, end)) {
      rows.append(",[\"")
          .append(capture.timestamp())
          .append("\",\"")
          .append(capture.original())
          .append("\",\"")
          .append(Integer.toHexString(capture.body().hashCode()))
          .append("\"]");
    }
    if (end < captures.size()) {
      rows.append(",[],[\"").append(end).append("\"]");
    }
    send(exchange, 200, "application/json", rows.append("]").toString(), null);
  }

  private synchronized void capture(HttpExchange exchange, String path) throws IOException {
    String timestamp = path.substring("/web/".length(), path.indexOf("id_/"));
    for (List<Recorded> captures : byFeed.values()) {
      for (Recorded capture : captures) {
        if (!capture.timestamp().equals(timestamp)) {
          continue;
        }
        switch (capture.behaviour()) {
          case NOT_FOUND -> {
            send(exchange, 404, "text/html", "<html><body>Not in archive</body></html>", null);
            return;
          }
          case RATE_LIMITED_ONCE -> {
            if (refusals.computeIfAbsent(timestamp, k -> new AtomicInteger()).getAndIncrement()
                == 0) {
              send(exchange, 429, "text/html", "<html><body>Too many</body></html>", "1");
              return;
            }
          }
          case OK -> {
            // the recorded answer, below
          }
        }
        send(exchange, 200, capture.contentType(), capture.body(), null);
        return;
      }
    }
    send(exchange, 404, "text/html", "<html><body>No capture</body></html>", null);
  }

  private static Map<String, String> parameters(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    if (query == null) {
      return out;
    }
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return out;
  }

  private static void send(
      HttpExchange exchange, int status, String contentType, String body, String retryAfter)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (retryAfter != null) {
      exchange.getResponseHeaders().set("Retry-After", retryAfter);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
