package thesiswatch.cli.bench;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import thesiswatch.common.Article;

/**
 * Feeds on loopback that gain items at a steady rate, as live news does: item {@code i} appears at
 * {@code start + i / rate} in the feed of its language (Chinese and English take turns), for {@code
 * total} items. A request shows the feed's newest {@link #SHOWN} items that have appeared by then,
 * each unique by link and title; its appearance time is what the latency is measured from.
 */
final class LiveFeeds implements AutoCloseable {

  /** Items a feed shows at once: more than a second's worth at any rate ingest is tried at. */
  static final int SHOWN = 400;

  private static final String PREFIX = "/live-";

  private final List<String> langs;
  private final Map<String, List<Article>> byLang = new LinkedHashMap<>();
  private final double rate;
  private final int total;
  private volatile Instant start;
  private LoopbackServer server;

  private LiveFeeds(List<Article> templates, double rate, int total) {
    byLang.putAll(BenchFeeds.byLanguage(templates, "live feeds"));
    this.langs = List.copyOf(byLang.keySet());
    this.rate = rate;
    this.total = total;
  }

  /** Serves the feeds, empty until {@link #begin()}. */
  static LiveFeeds start(List<Article> templates, double rate, int total) {
    LiveFeeds feeds = new LiveFeeds(templates, rate, total);
    feeds.server = LoopbackServer.start(feeds::handle);
    return feeds;
  }

  /** Starts the clock: items appear from now on. */
  Instant begin() {
    start = Instant.now();
    return start;
  }

  /** When item {@code i} appears. */
  Instant appears(int i) {
    return start.plusNanos((long) (i * 1e9 / rate));
  }

  /** The item's link, which the search results name it by. */
  static String link(int i) {
    return "https://bench.example/live/" + i;
  }

  /** The feeds' URLs, one per language, with that language. */
  Map<String, String> urls() {
    Map<String, String> urls = new LinkedHashMap<>();
    langs.forEach(lang -> urls.put(server.url() + PREFIX + lang + ".xml", lang));
    return urls;
  }

  /** {@code 127.0.0.1:PORT}, for ingest's address guard. */
  String hostPort() {
    return server.hostPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    int feed =
        path.startsWith(PREFIX)
            ? langs.indexOf(path.substring(PREFIX.length()).replace(".xml", ""))
            : -1;
    if (feed < 0) {
      LoopbackServer.send(
          exchange, 404, "text/plain", "no such feed".getBytes(StandardCharsets.UTF_8));
      return;
    }
    Instant begun = start;
    long appeared =
        begun == null
            ? 0
            : Math.min(
                total, (long) (Duration.between(begun, Instant.now()).toNanos() * rate / 1e9) + 1);
    List<BenchFeeds.Item> items = new ArrayList<>();
    List<Article> templates = byLang.get(langs.get(feed));
    // Newest first: the last item of this feed that has appeared, then back by the feed's stride.
    long last = appeared - 1 - Math.floorMod(appeared - 1 - feed, langs.size());
    for (long i = last; i >= 0 && items.size() < SHOWN; i -= langs.size()) {
      Article template = templates.get((int) (i / langs.size() % templates.size()));
      items.add(
          new BenchFeeds.Item(
              BenchFeeds.numbered(template.title(), i),
              link((int) i),
              template.summary(),
              // RSS dates are to the second: never later than the appearance.
              appears((int) i).truncatedTo(ChronoUnit.SECONDS)));
    }
    byte[] body =
        BenchFeeds.rss("Live " + langs.get(feed), langs.get(feed), items)
            .getBytes(StandardCharsets.UTF_8);
    LoopbackServer.send(exchange, 200, "application/rss+xml; charset=utf-8", body);
  }

  @Override
  public void close() {
    server.close();
  }
}
