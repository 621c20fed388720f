package thesiswatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.Article;
import thesiswatch.common.FeedState;
import thesiswatch.common.Json;
import thesiswatch.common.Topics;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.KafkaBroker;

/**
 * The loopback fault suite: one healthy feed and one feed per fault, each on its own loopback host,
 * polled together by one ingest against a real broker. Each fault ends in its classified state, the
 * healthy feed is never held up by them, and nothing is published twice.
 */
class IngestFaultSuiteIT {

  @TempDir Path dir;

  @RegisterExtension static final KafkaBroker kafka = IngestFixtures.broker();

  /** A fault served on its own loopback host, so per-host politeness cannot couple it to others. */
  record Case(String name, HttpHandler handler, String expectedKind) {}

  @Test
  void everyFaultIsClassifiedNoFeedIsDelayedAndNothingIsPublishedTwice() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    byte[] bomb = gzipBomb();
    byte[] atom = LoopbackFeedServer.resource("china-tech.atom.xml");
    AtomicInteger fullBodies = new AtomicInteger();
    List<Case> cases =
        List.of(
            new Case(
                "tarpit",
                exchange -> {
                  try {
                    release.await(60, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "timeout"),
            new Case(
                "gzip-bomb",
                exchange -> {
                  exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                  LoopbackFeedServer.send(exchange, 200, "application/rss+xml", bomb);
                },
                "too_large"),
            new Case(
                "oversized",
                exchange -> {
                  exchange.sendResponseHeaders(200, 2L * 1024 * 1024);
                },
                "too_large"),
            new Case(
                "gone",
                exchange -> LoopbackFeedServer.send(exchange, 410, null, new byte[0]),
                "http_410"),
            new Case(
                "missing",
                exchange -> LoopbackFeedServer.send(exchange, 404, null, new byte[0]),
                "http_404"),
            new Case(
                "rate-limited",
                exchange -> {
                  exchange.getResponseHeaders().set("Retry-After", "3600");
                  LoopbackFeedServer.send(exchange, 429, null, new byte[0]);
                },
                "http_429"),
            new Case(
                "to-private",
                exchange -> {
                  exchange.getResponseHeaders().set("Location", "http://127.0.0.99:9/internal");
                  LoopbackFeedServer.send(exchange, 302, null, new byte[0]);
                },
                "blocked_address"),
            new Case(
                "loop",
                exchange -> {
                  exchange.getResponseHeaders().set("Location", "/loop");
                  LoopbackFeedServer.send(exchange, 302, null, new byte[0]);
                },
                "too_many_redirects"),
            new Case("html", fixture("not-a-feed.html", "text/html"), "not_a_feed"),
            new Case("truncated", fixture("parse/truncated.rss.xml", "text/xml"), "invalid_xml"),
            new Case("xxe", fixture("parse/xxe.rss.xml", "text/xml"), "doctype_refused"),
            new Case(
                "billion-laughs",
                fixture("parse/billion-laughs.rss.xml", "text/xml"),
                "doctype_refused"),
            new Case(
                "not-modified",
                exchange -> {
                  if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    LoopbackFeedServer.send(exchange, 304, null, new byte[0]);
                    return;
                  }
                  fullBodies.incrementAndGet();
                  exchange.getResponseHeaders().set("ETag", "\"v1\"");
                  LoopbackFeedServer.send(exchange, 200, "application/atom+xml", atom);
                },
                null),
            new Case("guids", fixture("parse/guids.rss.xml", "text/xml"), null),
            new Case("hostile", fixture("parse/hostile.rss.xml", "text/xml"), null),
            new Case("dates", fixture("parse/dates.rss.xml", "text/xml"), null),
            new Case("control-chars", fixture("parse/control-chars.rss.xml", "text/xml"), null),
            new Case(
                "wrong-charset",
                fixture("parse/latin1-prolog.rss.xml", "text/xml; charset=utf-8"),
                null));

    List<LoopbackFeedServer> servers = new ArrayList<>();
    try (LoopbackFeedServer healthy = new LoopbackFeedServer()) {
      healthy.file("/feed", "tech-news.rss.xml", "application/rss+xml");
      Map<String, LoopbackFeedServer> byCase = new LinkedHashMap<>();
      List<FeedSpec> feeds = new ArrayList<>(List.of(FeedSpec.of(healthy.url("/feed"), "en")));
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        String path = c.name().equals("loop") ? "/loop" : "/" + c.name();
        LoopbackFeedServer server =
            new LoopbackFeedServer("127.0.0." + (i + 2)).handle(path, c.handler());
        servers.add(server);
        byCase.put(c.name(), server);
        feeds.add(FeedSpec.of(server.url(path), null));
      }
      String allowed =
          servers.stream().map(LoopbackFeedServer::hostPort).collect(Collectors.joining(","))
              + ","
              + healthy.hostPort();
      Topics topics = IngestFixtures.freshTopics();
      IngestConfig config =
          IngestFixtures.config(
              IngestFixtures.opml(dir, feeds),
              topics,
              healthy,
              Map.of(
                  "INGEST_ALLOW_PRIVATE",
                  allowed,
                  "INGEST_FETCH_TIMEOUT",
                  "6s",
                  "INGEST_MAX_BODY_BYTES",
                  String.valueOf(1024 * 1024)));

      try (IngestService service = new IngestService(config, new SimpleMeterRegistry())) {
        service.start();
        // The healthy feed commits while the tarpit still holds its connection: it was not delayed.
        Await.until(
            "healthy feed committed",
            () -> FeedState.OK.equals(state(service, healthy.url("/feed")).status()));
        assertThat(byCase.get("tarpit").inFlight()).isEqualTo(1);
        assertThat(state(service, byCase.get("tarpit").url("/tarpit")).lastAttempt()).isNull();

        Await.until(
            "every feed attempted and the healthy one polled 3 times",
            () ->
                healthy.requests("/feed") >= 3
                    && service.feeds().stream().allMatch(f -> f.lastAttempt() != null));
        Map<String, FeedState> states =
            service.feeds().stream().collect(Collectors.toMap(FeedState::url, f -> f));
        for (Case c : cases) {
          LoopbackFeedServer server = byCase.get(c.name());
          FeedState state =
              states.get(server.url(c.name().equals("loop") ? "/loop" : "/" + c.name()));
          assertThat(state.lastErrorKind()).as(c.name()).isEqualTo(c.expectedKind());
          String expectedStatus =
              c.expectedKind() == null
                  ? FeedState.OK
                  : c.expectedKind().equals("http_410") ? FeedState.DISABLED : FeedState.FAILING;
          assertThat(state.status()).as(c.name()).isEqualTo(expectedStatus);
        }
        FeedState gone = states.get(byCase.get("gone").url("/gone"));
        assertThat(gone.nextPoll()).isNull();
        FeedState limited = states.get(byCase.get("rate-limited").url("/rate-limited"));
        assertThat(Duration.between(limited.lastAttempt(), limited.nextPoll()))
            .isEqualTo(Duration.ofHours(1));
        assertThat(byCase.get("to-private").requests("/to-private")).isGreaterThanOrEqualTo(1);
        // One fetch of the loop is 6 requests (FetcherTest counts them exactly); a retry may be
        // under way here.
        assertThat(byCase.get("loop").requests("/loop")).isGreaterThanOrEqualTo(6);
        // Let the healthy feed be polled again while the failing ones back off, then look at the
        // counts.
        int healthyPolls = healthy.requests("/feed");
        Await.until("two more healthy polls", () -> healthy.requests("/feed") >= healthyPolls + 2);
        assertThat(byCase.get("gone").requests("/gone")).isEqualTo(1); // 410: never asked again
        assertThat(byCase.get("rate-limited").requests("/rate-limited"))
            .isEqualTo(1); // waits an hour
        // Conditional GET: polled again and again, the body was sent once.
        assertThat(byCase.get("not-modified").requests("/not-modified")).isGreaterThanOrEqualTo(2);
        assertThat(fullBodies.get()).isEqualTo(1);
        release
            .countDown(); // lets a tarpit retry in flight end now, so close() need not wait for it
      } finally {
        release.countDown();
        servers.forEach(LoopbackFeedServer::close);
      }

      List<ConsumerRecord<String, byte[]>> records = IngestFixtures.readAll(topics.articles());
      Set<String> keys = records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
      assertThat(records).hasSize(keys.size()); // nothing published twice
      List<Article> articles =
          records.stream().map(r -> Json.read(r.value(), Article.class)).toList();
      Map<String, Long> perFeed =
          articles.stream()
              .collect(
                  Collectors.groupingBy(
                      a -> a.feedUrl().replaceAll("http://127\\.0\\.0\\.\\d+:\\d+", ""),
                      Collectors.counting()));
      assertThat(perFeed)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "/feed",
                  3L,
                  "/not-modified",
                  2L,
                  "/guids",
                  4L,
                  "/hostile",
                  3L,
                  "/dates",
                  8L,
                  "/control-chars",
                  1L,
                  "/wrong-charset",
                  1L));
      assertThat(articles)
          .filteredOn(a -> a.feedUrl().endsWith("/dates"))
          .extracting(Article::title, Article::published)
          .contains(
              Tuple.tuple("impossible day", null),
              Tuple.tuple("china standard time", Instant.parse("2025-03-01T02:00:00Z")));
      assertThat(articles)
          .filteredOn(a -> a.title().equals("future"))
          .singleElement()
          .satisfies(a -> assertThat(a.published()).isEqualTo(a.fetched()));
      assertThat(articles)
          .filteredOn(a -> a.feedUrl().endsWith("/wrong-charset"))
          .extracting(Article::title)
          .containsExactly("Résumé of layoffs");
      assertThat(articles)
          .allSatisfy(
              a -> {
                assertThat(a.title()).doesNotContain("<", ">");
                assertThat(
                        a.link() == null
                            || a.link().startsWith("https://")
                            || a.link().startsWith("http://"))
                    .isTrue();
              });
    }
  }

  private static HttpHandler fixture(String name, String contentType) {
    byte[] body = LoopbackFeedServer.resource(name);
    return exchange -> LoopbackFeedServer.send(exchange, 200, contentType, body);
  }

  private static byte[] gzipBomb() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 20; i++) {
        gzip.write(zeros);
      }
    }
    return compressed.toByteArray();
  }

  private static FeedState state(IngestService service, String url) {
    return service.feeds().stream().filter(f -> f.url().equals(url)).findFirst().orElseThrow();
  }
}
