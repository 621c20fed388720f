package thesiswatch.cli.bench;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import thesiswatch.common.Article;
import thesiswatch.ingest.parse.FeedParser;

/**
 * Feeds on loopback that hold {@code count} distinct articles between them and never change, what
 * {@code bench pipeline --source feeds} has the real ingest read. The articles are split evenly
 * over as few feeds as hold them with at most {@link #MAX_ITEMS} items each (all that ingest keeps
 * of a feed in one poll: one more and it would never see it); feeds take turns between Chinese and
 * English, each channel naming its language, the items made from that language's templates in turn.
 * Every item is unique by link and by numbered title ({@link BenchFeeds#numbered}), so ingest's
 * dedupe keeps all of them.
 *
 * <p>Each feed's document is rendered once, before serving starts, so the server's work per fetch
 * is a copy, not a render. A feed answers every poll with the same document, its ETag and
 * Last-Modified with it; ingest sends them back ({@code If-None-Match}, {@code If-Modified-Since})
 * and gets a 304 without a body, as from a well-behaved news site.
 */
final class FeedShelf implements AutoCloseable {

  /** Items in one feed at most: what ingest keeps of a feed and poll by default. */
  static final int MAX_ITEMS = FeedParser.DEFAULT_MAX_ENTRIES;

  private static final String PREFIX = "/shelf/";
  private static final Instant FIRST = Instant.parse("2025-01-06T00:00:00Z");

  /**
   * One feed's document.
   *
   * @param path where it is served
   * @param lang its channel's language
   * @param items items in it
   * @param body the RSS document
   * @param etag its strong validator, unique on the shelf
   */
  private record Feed(String path, String lang, int items, byte[] body, String etag) {}

  private final List<Feed> feeds = new ArrayList<>();
  private final Map<String, Feed> byPath = new HashMap<>();
  private final int count;

  /** When the documents were rendered, to the second as HTTP dates go: their Last-Modified. */
  private final Instant rendered = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private final String lastModified =
      DateTimeFormatter.RFC_1123_DATE_TIME.format(rendered.atZone(ZoneOffset.UTC));

  private final AtomicLong fetches = new AtomicLong();
  private final AtomicLong unchanged = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private LoopbackServer server;

  private FeedShelf(List<Article> templates, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("the shelf needs at least one article, got " + count);
    }
    this.count = count;
    Map<String, List<Article>> byLang = BenchFeeds.byLanguage(templates, "the shelf's feeds");
    List<String> langs = List.copyOf(byLang.keySet());
    int feedCount = (count + MAX_ITEMS - 1) / MAX_ITEMS;
    // The next template of each language: every template of it is used before any repeats.
    Map<String, Integer> next = new LinkedHashMap<>();
    for (int feed = 0; feed < feedCount; feed++) {
      String lang = langs.get(feed % langs.size());
      int size = count / feedCount + (feed < count % feedCount ? 1 : 0);
      List<Article> ofLang = byLang.get(lang);
      List<BenchFeeds.Item> items = new ArrayList<>(size);
      for (int j = 0; j < size; j++) {
        // Feeds interleave their numbers as the archive's do: article j * feeds + feed.
        long number = (long) j * feedCount + feed;
        Article template = ofLang.get((next.merge(lang, 1, Integer::sum) - 1) % ofLang.size());
        items.add(
            new BenchFeeds.Item(
                BenchFeeds.numbered(template.title(), number),
                "https://bench.example/shelf/" + number,
                template.summary(),
                FIRST.plusSeconds(60 * number)));
      }
      Collections.reverse(items); // newest first, as feeds list them
      String path = PREFIX + "feed-" + feed + ".xml";
      Feed document =
          new Feed(
              path,
              lang,
              size,
              BenchFeeds.rss("Bench shelf " + feed, lang, items).getBytes(StandardCharsets.UTF_8),
              "\"shelf-" + feed + "-" + size + "\"");
      feeds.add(document);
      byPath.put(path, document);
    }
  }

  /** Renders the feeds of {@code count} articles and starts serving them. */
  static FeedShelf start(List<Article> templates, int count) {
    FeedShelf shelf = new FeedShelf(templates, count);
    shelf.server = LoopbackServer.start(shelf::handle);
    return shelf;
  }

  /** The feeds' URLs with their languages, in order: what ingest's feed list names. */
  Map<String, String> urls() {
    Map<String, String> urls = new LinkedHashMap<>();
    feeds.forEach(feed -> urls.put(server.url() + feed.path(), feed.lang()));
    return urls;
  }

  /** {@code 127.0.0.1:PORT}, for ingest's address guard. */
  String hostPort() {
    return server.hostPort();
  }

  /** Feeds on the shelf. */
  int feeds() {
    return feeds.size();
  }

  /** Items on the shelf, all feeds together: the articles it was made of. */
  int items() {
    return count;
  }

  /** Bytes of the rendered documents, all feeds together. */
  long bytesHeld() {
    return feeds.stream().mapToLong(feed -> feed.body().length).sum();
  }

  /** Requests for a feed so far, answered with the document or with a 304. */
  long fetches() {
    return fetches.get();
  }

  /** Of the {@link #fetches()}, those answered 304 Not Modified. */
  long unchanged() {
    return unchanged.get();
  }

  /** Bytes of documents served so far (304s have none). */
  long bytesServed() {
    return bytes.get();
  }

  /** What was served from the shelf so far, one line for the report. */
  String line() {
    return String.format(
        "feeds served: %,d fetches of %,d feeds (%,d answered 304 Not Modified), %,.1f MiB of"
            + " %,d items",
        fetches(), feeds(), unchanged(), bytesServed() / (1024.0 * 1024), items());
  }

  private void handle(HttpExchange exchange) throws IOException {
    Feed feed = byPath.get(exchange.getRequestURI().getPath());
    if (feed == null) {
      LoopbackServer.send(
          exchange, 404, "text/plain", "no such feed".getBytes(StandardCharsets.UTF_8));
      return;
    }
    fetches.incrementAndGet();
    exchange.getResponseHeaders().set("ETag", feed.etag());
    exchange.getResponseHeaders().set("Last-Modified", lastModified);
    if (notModified(exchange.getRequestHeaders(), feed)) {
      unchanged.incrementAndGet();
      LoopbackServer.send(exchange, 304, "application/rss+xml; charset=utf-8", new byte[0]);
      return;
    }
    bytes.addAndGet(feed.body().length);
    LoopbackServer.send(exchange, 200, "application/rss+xml; charset=utf-8", feed.body());
  }

  /**
   * Whether the request's validators still match {@code feed} (RFC 9110: If-None-Match, when sent,
   * decides alone; else If-Modified-Since, a date not before the document's).
   */
  private boolean notModified(Headers request, Feed feed) {
    String ifNoneMatch = request.getFirst("If-None-Match");
    if (ifNoneMatch != null) {
      for (String tag : ifNoneMatch.split(",")) {
        String candidate = tag.strip();
        if (candidate.equals("*") || candidate.replaceFirst("^W/", "").equals(feed.etag())) {
          return true;
        }
      }
      return false;
    }
    String ifModifiedSince = request.getFirst("If-Modified-Since");
    if (ifModifiedSince != null) {
      try {
        Instant since =
            ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return !rendered.isAfter(since);
      } catch (DateTimeParseException e) {
        return false; // an unreadable date validates nothing: send the document
      }
    }
    return false;
  }

  @Override
  public void close() {
    server.close();
  }
}
