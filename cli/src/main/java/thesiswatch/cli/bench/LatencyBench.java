package thesiswatch.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import thesiswatch.common.Env;
import thesiswatch.common.Json;
import thesiswatch.ingest.IngestConfig;
import thesiswatch.ingest.IngestService;

/**
 * {@code bench latency}: feed item to searchable. {@link LiveFeeds} on loopback gain items at
 * {@code rate} a second for {@code seconds}; the real ingest polls them (every {@code
 * INGEST_POLL_INTERVAL}, one second unless the environment says otherwise), and the classifier and
 * the dashboard run in this JVM as in {@link PipelineBench}. A probe asks the dashboard's own
 * search API ({@code GET /api/articles?from=…&sort=newest}, paged with its cursor) every {@value
 * #PROBE_MS} ms for everything since the oldest item not yet found; an item's latency is the time
 * from its appearance in the feed to the first answer that lists it (so up to one probe interval
 * late). It reports the percentiles and ends with one line against the target: poll interval + 2 s.
 */
public final class LatencyBench {

  /** How often the probe searches. */
  static final long PROBE_MS = 100;

  /** Items by when they appeared, for the latency over time. */
  private static final Duration WINDOW = Duration.ofSeconds(10);

  /** How long after the last item appeared everything must be searchable. */
  private static final Duration GRACE = Duration.ofSeconds(30);

  private final BenchSetup setup;

  /** A benchmark of {@code setup}'s headlines and themes, reporting to its output. */
  public LatencyBench(BenchSetup setup) {
    this.setup = setup;
  }

  /** Runs it; returns the p99 latency in milliseconds. */
  public long run(double rate, int seconds) throws Exception {
    int total = (int) Math.round(rate * seconds);
    try (BenchStack stack = BenchStack.start("latency", setup.themes());
        LiveFeeds feeds = LiveFeeds.start(setup.headlines(), rate, total)) {
      // The probe asks twenty times a second; the dashboard's per-client limit would refuse it.
      stack.startServices(Map.of("DASHBOARD_SEARCHES_PER_MINUTE", "0"));
      Map<String, String> ingest = stack.ingestSettings(feeds.urls(), feeds.hostPort());
      IngestConfig config = IngestConfig.from(stack.env(ingest));
      setup
          .out()
          .printf(
              "feeds: %d on loopback gaining %,.0f items/s for %d s (%,d items); ingest polls every"
                  + " %s (INGEST_POLL_INTERVAL)%n",
              feeds.urls().size(), rate, seconds, total, Env.format(config.pollInterval()));
      IngestService service = stack.startIngest(ingest);
      // Items appear once ingest has read its state and polls: its start-up is not latency.
      stack.await(() -> service.ready() ? 1 : 0, 1, Instant.now(), new ArrayList<>());
      StageCpu cpu = StageCpu.start();
      feeds.begin();
      long[] found = probe(stack.dashboard().port(), feeds, total);
      cpu.report(setup.out(), total);
      long[] latencies = new long[total];
      for (int i = 0; i < total; i++) {
        latencies[i] = found[i] - feeds.appears(i).toEpochMilli();
      }
      setup
          .out()
          .println(
              "p99 by when items appeared, every "
                  + WINDOW.toSeconds()
                  + " s (the first includes the JIT's warm-up): "
                  + byWindow(latencies, rate));
      Arrays.sort(latencies);
      long p99 = percentile(latencies, 99);
      setup
          .out()
          .printf(
              "latency from feed item to searchable, ms: p50 %,d, p95 %,d, p99 %,d, max %,d (%,d"
                  + " items, all searchable; probe every %d ms)%n",
              percentile(latencies, 50),
              percentile(latencies, 95),
              p99,
              latencies[total - 1],
              total,
              PROBE_MS);
      setup
          .out()
          .printf(
              "latency: p99 %,d ms from feed item to searchable at %,.0f articles/s (target <= poll"
                  + " interval + 2 s = %,d ms)%n",
              p99, rate, config.pollInterval().plusSeconds(2).toMillis());
      return p99;
    }
  }

  /**
   * Searches until every item was found or the grace after the last one's appearance ran out;
   * returns, per item, when it was first found, in epoch milliseconds.
   */
  private long[] probe(int port, LiveFeeds feeds, int total) throws Exception {
    long[] found = new long[total];
    int oldestMissing = 0;
    int missing = total;
    long requests = 0;
    Instant giveUp = feeds.appears(total - 1).plus(GRACE);
    HttpClient http = HttpClient.newHttpClient();
    while (missing > 0) {
      if (Instant.now().isAfter(giveUp)) {
        throw new IllegalStateException(
            missing
                + " of "
                + total
                + " items were not searchable "
                + GRACE
                + " after the last, the oldest "
                + LiveFeeds.link(oldestMissing));
      }
      Thread.sleep(PROBE_MS);
      // Everything since the oldest item not yet found (a second earlier: RSS dates are seconds).
      String from =
          feeds.appears(oldestMissing).truncatedTo(ChronoUnit.SECONDS).minusSeconds(1).toString();
      String cursor = null;
      do {
        String url =
            "http://127.0.0.1:"
                + port
                + "/api/articles?sort=newest&limit=100&from="
                + URLEncoder.encode(from, StandardCharsets.UTF_8)
                + (cursor == null
                    ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        JsonNode page = get(http, url);
        requests++;
        long now = Instant.now().toEpochMilli();
        for (JsonNode article : page.path("articles")) {
          int i = item(article.path("link").asText());
          if (i >= 0 && i < total && found[i] == 0) {
            found[i] = now;
            missing--;
          }
        }
        cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
      } while (cursor != null);
      while (oldestMissing < total && found[oldestMissing] != 0) {
        oldestMissing++;
      }
    }
    setup.out().printf("probe: %,d search requests%n", requests);
    return found;
  }

  private static JsonNode get(HttpClient http, String url)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          url
              + " answered "
              + response.statusCode()
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
    return Json.MAPPER.readTree(response.body());
  }

  /** The item a link names, or -1 for another. */
  private static int item(String link) {
    String prefix = LiveFeeds.link(0).substring(0, LiveFeeds.link(0).length() - 1);
    return link.startsWith(prefix) ? Integer.parseInt(link.substring(prefix.length())) : -1;
  }

  /** The p99 of the items that appeared in each {@link #WINDOW}, as {@code 0s:p99ms ...}. */
  private static String byWindow(long[] latencies, double rate) {
    int size = (int) Math.max(1, WINDOW.toSeconds() * rate);
    List<String> windows = new ArrayList<>();
    for (int from = 0; from < latencies.length; from += size) {
      long[] window = Arrays.copyOfRange(latencies, from, Math.min(latencies.length, from + size));
      Arrays.sort(window);
      windows.add(Math.round(from / rate) + "s:" + percentile(window, 99));
    }
    return String.join(" ", windows);
  }

  /** The {@code p}th percentile of sorted {@code values} (nearest rank). */
  static long percentile(long[] values, int p) {
    int rank = (int) Math.ceil(p / 100.0 * values.length);
    return values[Math.max(0, rank - 1)];
  }
}
