package thesiswatch.cli.bench;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import thesiswatch.common.Article;

/**
 * A web archive on loopback in the Wayback Machine's shape, what {@code thesiswatch backfill
 * archive} reads: a CDX listing per feed at {@code /cdx/search/cdx?url=…} (a JSON array whose first
 * row names the fields) and each capture's bytes at {@code /web/{timestamp}id_/{original}}.
 *
 * <p>It holds {@link #FEEDS} feeds (half Chinese, half English, from the templates of that
 * language), {@code count} distinct articles between them. Like a real feed captured now and then,
 * each capture shows the feed's newest {@link #ITEMS} items, of which {@link #FRESH} are new since
 * the capture before; captures are a day apart. Every article is unique by link and by title (the
 * template's headline and its number), so ingest's dedupe keeps all of them and the backfill must
 * publish exactly {@code count}. Captures are rendered before serving starts.
 */
final class LoopbackArchive implements AutoCloseable {

  /** Feeds archived. */
  static final int FEEDS = 4;

  /** Items in each capture, as many as a busy news feed lists. */
  static final int ITEMS = 80;

  /** Items of each capture not in the one before. */
  static final int FRESH = 60;

  private static final Instant FIRST = Instant.parse("2025-01-06T00:00:00Z");
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private final Map<String, String> listings = new HashMap<>();
  private final Map<String, byte[]> captures = new HashMap<>();
  private final List<String> feedUrls = new ArrayList<>();
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private Instant last = FIRST;
  private LoopbackServer server;

  private LoopbackArchive(List<Article> templates, int count) {
    Map<String, List<Article>> byLang = BenchFeeds.byLanguage(templates, "the archive's feeds");
    List<String> langs = List.copyOf(byLang.keySet());
    for (int feed = 0; feed < FEEDS; feed++) {
      String lang = langs.get(feed % langs.size());
      int size = count / FEEDS + (feed < count % FEEDS ? 1 : 0);
      archive(feed, lang, byLang.get(lang), size);
    }
  }

  /** Renders the captures of {@code count} articles and starts serving them. */
  static LoopbackArchive start(List<Article> templates, int count) {
    LoopbackArchive archive = new LoopbackArchive(templates, count);
    archive.server = LoopbackServer.start(archive::handle);
    return archive;
  }

  /** The feed's items and captures: item {@code j} is article {@code j * FEEDS + feed}. */
  private void archive(int feed, String lang, List<Article> templates, int size) {
    String url = "https://bench.example/feed-" + feed + ".xml";
    feedUrls.add(url);
    List<BenchFeeds.Item> items = new ArrayList<>();
    for (int j = 0; j < size; j++) {
      int number = j * FEEDS + feed;
      Article template = templates.get(number % templates.size());
      items.add(
          new BenchFeeds.Item(
              BenchFeeds.numbered(template.title(), number),
              "https://bench.example/" + feed + "/" + j,
              template.summary(),
              FIRST.plus(Duration.ofDays(1).dividedBy(FRESH).multipliedBy(j))));
    }
    StringBuilder rows = new StringBuilder("[[\"timestamp\",\"original\",\"digest\"]");
    for (int capture = 0; capture * FRESH < size; capture++) {
      // Two days after the first item of its fresh ones: every item is older than its capture.
      Instant at = FIRST.plus(Duration.ofDays(capture + 2)).plus(Duration.ofMinutes(feed));
      last = at.isAfter(last) ? at : last;
      String timestamp = TIMESTAMP.format(at);
      int newest = Math.min(size, (capture + 1) * FRESH);
      List<BenchFeeds.Item> shown =
          new ArrayList<>(items.subList(Math.max(0, newest - ITEMS), newest));
      Collections.reverse(shown); // newest first, as feeds list them
      captures.put(
          timestamp + "id_/" + url,
          BenchFeeds.rss("Bench feed " + feed, lang, shown).getBytes(StandardCharsets.UTF_8));
      rows.append(",[\"")
          .append(timestamp)
          .append("\",\"")
          .append(url)
          .append("\",\"bench")
          .append(feed)
          .append('-')
          .append(capture)
          .append("\"]");
    }
    listings.put(url, rows.append(']').toString());
  }

  /** The archive's base URL, {@code http://127.0.0.1:PORT}. */
  String url() {
    return server.url();
  }

  /** {@code 127.0.0.1:PORT}, for ingest's address guard. */
  String hostPort() {
    return server.hostPort();
  }

  /** The archived feeds' original URLs. */
  List<String> feedUrls() {
    return List.copyOf(feedUrls);
  }

  /** Captures held. */
  int captures() {
    return captures.size();
  }

  /** The day of the first capture. */
  LocalDate firstDay() {
    return LocalDate.ofInstant(FIRST, ZoneOffset.UTC);
  }

  /** The day of the last capture. */
  LocalDate lastDay() {
    return LocalDate.ofInstant(last, ZoneOffset.UTC);
  }

  /** Captures served so far. */
  long served() {
    return served.get();
  }

  /** Bytes of captures served so far. */
  long bytesServed() {
    return bytes.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    if (path.equals("/cdx/search/cdx")) {
      String listing = listings.get(parameter(exchange.getRequestURI().getRawQuery(), "url"));
      LoopbackServer.send(
          exchange,
          200,
          "application/json",
          (listing == null ? "[]" : listing).getBytes(StandardCharsets.UTF_8));
      return;
    }
    byte[] capture = path.startsWith("/web/") ? captures.get(path.substring(5)) : null;
    if (capture == null) {
      LoopbackServer.send(
          exchange, 404, "text/html", "Not in archive".getBytes(StandardCharsets.UTF_8));
      return;
    }
    served.incrementAndGet();
    bytes.addAndGet(capture.length);
    LoopbackServer.send(exchange, 200, "application/rss+xml; charset=utf-8", capture);
  }

  private static String parameter(String query, String name) {
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv[0].equals(name) && kv.length == 2) {
          return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }

  @Override
  public void close() {
    server.close();
  }
}
