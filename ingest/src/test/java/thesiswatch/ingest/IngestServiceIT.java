package thesiswatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static thesiswatch.ingest.IngestFixtures.articles;
import static thesiswatch.ingest.IngestFixtures.config;
import static thesiswatch.ingest.IngestFixtures.freshTopics;
import static thesiswatch.ingest.IngestFixtures.opml;
import static thesiswatch.ingest.IngestFixtures.polledAtLeast;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.Article;
import thesiswatch.common.FeedState;
import thesiswatch.common.Json;
import thesiswatch.common.Topics;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.ingest.kafka.ArticlePublisher;
import thesiswatch.ingest.schedule.FeedStates;
import thesiswatch.testkit.Await;
import thesiswatch.testkit.KafkaBroker;
import thesiswatch.testkit.KafkaTestClients;

/**
 * Ingest against a real broker and a loopback feed server: every story arrives once, cross-feed
 * copies are merged, a broken feed is classified and does not stop the others, and a restarted
 * ingest publishes nothing again.
 */
class IngestServiceIT {

  @TempDir Path dir;

  @RegisterExtension static final KafkaBroker kafka = IngestFixtures.broker();

  private static double polls(SimpleMeterRegistry registry, String outcome, String kind) {
    Counter counter =
        registry.find("thesiswatch.ingest.polls").tags("outcome", outcome, "kind", kind).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void publishesEachStoryOnceMergesCopiesAndSurvivesARestart() throws Exception {
    try (LoopbackFeedServer server =
        new LoopbackFeedServer()
            .file("/tech.xml", "tech-news.rss.xml", "application/rss+xml")
            .file("/cn.xml", "china-tech.atom.xml", "application/atom+xml")
            .file("/wire.xml", "syndicated.rss.xml", "text/xml")
            .file("/login", "not-a-feed.html", "text/html")) {
      Topics topics = freshTopics();
      Path opml =
          opml(
              dir,
              List.of(
                  FeedSpec.of(server.url("/tech.xml"), "en"),
                  FeedSpec.of(server.url("/login"), "en"),
                  FeedSpec.of(server.url("/cn.xml"), "zh-CN"),
                  FeedSpec.of(server.url("/wire.xml"), "en")));
      IngestConfig config = config(opml, topics, server, Map.of());
      List<String> paths = List.of("/tech.xml", "/cn.xml", "/wire.xml", "/login");

      Instant started = Instant.now();
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (IngestService service = new IngestService(config, registry)) {
        service.start();
        // Two polls of every feed: the second must publish nothing new. The server counts a
        // request when it answers it, before ingest has read the answer: the polls are awaited
        // as ingest's own counters record them too.
        Await.until(
            "two polls of every feed", () -> polledAtLeast(service, started, 2, server, paths));
        Await.until(
            "every second poll recorded",
            () ->
                polls(registry, "not_modified", "none") >= 3
                    && polls(registry, "failed", "not_a_feed") >= 2);
        Await.until(
            "states committed",
            () -> service.feeds().stream().noneMatch(f -> f.status().equals(FeedState.PENDING)));
        Map<String, FeedState> byUrl =
            service.feeds().stream().collect(Collectors.toMap(FeedState::url, f -> f));
        assertThat(byUrl.get(server.url("/login")).status()).isEqualTo(FeedState.FAILING);
        assertThat(byUrl.get(server.url("/login")).lastErrorKind()).isEqualTo("not_a_feed");
        assertThat(byUrl.get(server.url("/tech.xml")).status()).isEqualTo(FeedState.OK);
        assertThat(byUrl.get(server.url("/tech.xml")).itemsSeen()).isEqualTo(3);
        // Bounded labels only: outcome and error kind, never a feed URL.
        assertThat(
                registry
                    .get("thesiswatch.ingest.polls")
                    .tags("outcome", "failed", "kind", "not_a_feed")
                    .counter()
                    .count())
            .isGreaterThanOrEqualTo(2);
        assertThat(
                registry
                    .get("thesiswatch.ingest.duplicates.dropped")
                    .tags("scope", "cross_feed")
                    .counter()
                    .count())
            .isEqualTo(2);
        // Re-polls of unchanged bodies are not parsed again (the loopback server sends no
        // validators).
        assertThat(
                registry
                    .get("thesiswatch.ingest.polls")
                    .tags("outcome", "not_modified", "kind", "none")
                    .counter()
                    .count())
            .isGreaterThanOrEqualTo(3);
        assertThat(
                registry.get("thesiswatch.ingest.feeds").tags("status", "failing").gauge().value())
            .isEqualTo(1);
        assertThat(registry.getMeters())
            .allSatisfy(
                meter ->
                    assertThat(meter.getId().getTags())
                        .noneMatch(tag -> tag.getValue().contains("127.0.0.1")));
      }
      List<Article> first = articles(topics);
      Map<String, Article> latest = new HashMap<>();
      first.forEach(a -> latest.put(a.id(), a));
      // 3 + 2 stories; the wire's two reprints are the same stories (same link / same title).
      assertThat(latest).hasSize(5);
      assertThat(latest.values())
          .extracting(Article::title)
          .containsExactlyInAnyOrder(
              "BigCo cuts 1,200 jobs as it shifts budget to AI",
              "Delivery riders protest new algorithmic pay rules",
              "Solo founders use AI agents to run one-person companies",
              "多家互联网大厂启动新一轮裁员，降本增效持续",
              "智算中心建设加速，算力集中于头部企业");
      Article layoffs =
          latest.values().stream()
              .filter(a -> a.title().startsWith("BigCo"))
              .findFirst()
              .orElseThrow();
      assertThat(layoffs.link()).isEqualTo("https://news.example.com/2025/03/bigco-layoffs");
      assertThat(layoffs.sources()).containsExactly(server.url("/wire.xml"));
      assertThat(layoffs.published()).isEqualTo(Instant.parse("2025-03-03T09:30:00Z"));
      Article compute =
          latest.values().stream()
              .filter(a -> a.title().startsWith("智算"))
              .findFirst()
              .orElseThrow();
      assertThat(compute.link()).isEqualTo("https://cn.example.org/news/2025/suanli");
      assertThat(compute.lang()).isEqualTo("zh");
      assertThat(compute.published()).isEqualTo(Instant.parse("2025-03-06T03:00:00Z"));
      // Each story is one record, plus one update per merged copy (same key, more sources).
      assertThat(first).hasSize(7);

      Instant restarted = Instant.now();
      try (IngestService service = new IngestService(config, new SimpleMeterRegistry())) {
        service.start();
        Await.until(
            "a poll of every feed after restart",
            () ->
                polledAtLeast(service, restarted, 3, server, paths)
                    && service.feeds().stream()
                        .allMatch(
                            f -> f.lastAttempt() != null && f.lastAttempt().isAfter(restarted)));
      }
      assertThat(articles(topics)).hasSize(7);
    }
  }

  @Test
  void copiesInAFeedAddedAfterARestartAreStillRecognised() throws Exception {
    try (LoopbackFeedServer server =
        new LoopbackFeedServer()
            .file("/tech.xml", "tech-news.rss.xml", "application/rss+xml")
            .file("/wire.xml", "syndicated.rss.xml", "text/xml")) {
      Topics topics = freshTopics();
      IngestConfig before =
          config(
              opml(dir, List.of(FeedSpec.of(server.url("/tech.xml"), "en"))),
              topics,
              server,
              Map.of());
      try (IngestService service = new IngestService(before, new SimpleMeterRegistry())) {
        service.start();
        Await.until("the first feed committed", () -> service.feeds().get(0).itemsSeen() == 3);
      }
      // Restarted with a second feed that carries two of the first feed's stories.
      IngestConfig after =
          config(
              opml(
                  dir,
                  List.of(
                      FeedSpec.of(server.url("/tech.xml"), "en"),
                      FeedSpec.of(server.url("/wire.xml"), "en"))),
              topics,
              server,
              Map.of());
      try (IngestService service = new IngestService(after, new SimpleMeterRegistry())) {
        service.start();
        Await.until("the new feed committed", () -> service.feeds().get(1).itemsSeen() == 2);
      }
      Map<String, Article> latest = new HashMap<>();
      articles(topics).forEach(a -> latest.put(a.id(), a));
      assertThat(latest).hasSize(3);
      assertThat(latest.values())
          .filteredOn(a -> !a.sources().isEmpty())
          .extracting(Article::title)
          .containsExactlyInAnyOrder(
              "BigCo cuts 1,200 jobs as it shifts budget to AI",
              "Delivery riders protest new algorithmic pay rules");
      assertThat(latest.values())
          .allSatisfy(a -> assertThat(a.feedUrl()).isEqualTo(server.url("/tech.xml")));
    }
  }

  @Test
  void aPublisherThreadThatDiesStopsTheServiceAndSaysWhy() throws Exception {
    try (LoopbackFeedServer server =
        new LoopbackFeedServer().file("/tech.xml", "tech-news.rss.xml", "application/rss+xml")) {
      Topics topics = freshTopics();
      String url = server.url("/tech.xml");
      IngestConfig config =
          config(opml(dir, List.of(FeedSpec.of(url, "en"))), topics, server, Map.of());
      // No value in any topic kills the publisher thread any more; a bug outside every feed's
      // handling still can: here the meter it counts published articles with throws.
      SimpleMeterRegistry broken =
          new SimpleMeterRegistry() {
            @Override
            protected Counter newCounter(Meter.Id id) {
              return id.getName().equals("thesiswatch.ingest.articles.published")
                  ? new ThrowingCounter(id)
                  : super.newCounter(id);
            }
          };
      try (IngestService service = new IngestService(config, broken)) {
        service.start();
        Await.until("the service stopped on its own", () -> service.failure().isPresent());
        service.awaitStopped(); // returns: the service stopped, though nobody closed it
        assertThat(service.failure())
            .containsInstanceOf(IllegalStateException.class)
            .hasValueSatisfying(e -> assertThat(e).hasMessage("a bug outside any feed's handling"));
        assertThat(service.ready()).isFalse();
      }
      // It died after the commit it was counting: the poll itself was published.
      assertThat(articles(topics)).hasSize(3);
    }
  }

  @Test
  void aPollKafkaRefusesAsTooLargeFailsOnlyItsFeedAndTheOthersKeepPublishing() throws Exception {
    // A summary of 9,000 random Chinese characters (under the parser's cap; 27 KB that lz4 cannot
    // shrink) makes a record over this topic's 20 KB limit (above the producer's batch size, under
    // which the producer splits batches for ever, KAFKA-8350): Kafka refuses that poll's
    // transaction, whatever else it holds.
    Random random = new Random(12);
    StringBuilder summary = new StringBuilder();
    for (int i = 0; i < 9_000; i++) {
      summary.append((char) (0x4E00 + random.nextInt(0x5000)));
    }
    String hostile =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Hostile</title><link>https://hostile.example/</link>
          <item><title>One story too large for Kafka</title>
            <link>https://hostile.example/1</link><description>%s</description></item>
        </channel></rss>
        """
            .formatted(summary);
    try (LoopbackFeedServer server =
        new LoopbackFeedServer().file("/tech.xml", "tech-news.rss.xml", "application/rss+xml")) {
      server.handle(
          "/hostile.xml",
          exchange ->
              LoopbackFeedServer.send(
                  exchange, 200, "application/rss+xml", hostile.getBytes(StandardCharsets.UTF_8)));
      Topics topics = freshTopics();
      kafka.limitRecordSize(topics.articles(), 20_000);
      String good = server.url("/tech.xml");
      String bad = server.url("/hostile.xml");
      IngestConfig config =
          config(
              opml(dir, List.of(FeedSpec.of(bad, "en"), FeedSpec.of(good, "en"))),
              topics,
              server,
              Map.of());
      try (IngestService service = new IngestService(config, new SimpleMeterRegistry())) {
        service.start();
        Await.until(
            "the hostile feed failing as too large",
            () -> "too_large".equals(state(service, bad).lastErrorKind()));
        Instant refused = state(service, bad).lastAttempt();
        Await.until(
            "the other feed committing a poll after the refusal",
            () ->
                state(service, good).lastSuccess() != null
                    && state(service, good).lastSuccess().isAfter(refused));
        // The next poll fetches the same body: it is refused again, never taken for unchanged.
        Await.until(
            "the hostile feed refused on its next poll too",
            () -> state(service, bad).consecutiveErrors() >= 2);
        FeedState failing = state(service, bad);
        assertThat(failing.status()).isEqualTo(FeedState.FAILING);
        assertThat(failing.lastErrorKind()).isEqualTo("too_large");
        assertThat(failing.lastErrorMessage())
            .startsWith("publish: a record of this poll is larger than Kafka accepts: ");
        assertThat(failing.nextPoll()).isNotNull();
        assertThat(state(service, good).status()).isEqualTo(FeedState.OK);
        assertThat(service.ready()).isTrue();
        assertThat(service.failure()).isEmpty();
      }
      assertThat(articles(topics)).extracting(Article::feedUrl).containsExactly(good, good, good);
      // What the dashboard's /api/feeds shows: the failure, classified, in feed-state.
      FeedState stored = null;
      for (ConsumerRecord<String, byte[]> record : IngestFixtures.readAll(topics.feedState())) {
        if (record.key().equals(bad)) {
          stored = Json.read(record.value(), FeedState.class);
        }
      }
      assertThat(stored).isNotNull();
      assertThat(stored.lastErrorKind()).isEqualTo("too_large");
      assertThat(stored.status()).isEqualTo(FeedState.FAILING);
    }
  }

  @Test
  void absurdOrBrokenStoredStatesNeverStopIngest() throws Exception {
    try (LoopbackFeedServer server =
        new LoopbackFeedServer()
            .file("/tech.xml", "tech-news.rss.xml", "application/rss+xml")
            .file("/cn.xml", "china-tech.atom.xml", "application/atom+xml")
            .file("/late.xml", "syndicated.rss.xml", "text/xml")) {
      Topics topics = freshTopics();
      String tech = server.url("/tech.xml");
      String cn = server.url("/cn.xml");
      String late = server.url("/late.xml");
      IngestConfig config =
          config(
              opml(
                  dir,
                  List.of(FeedSpec.of(late, "en"), FeedSpec.of(cn, "zh"), FeedSpec.of(tech, "en"))),
              topics,
              server,
              Map.of());
      // Due at the end of time (what killed the publisher thread), garbage, and a tombstone.
      try (ArticlePublisher seed =
          new ArticlePublisher(
              config.bootstrapServers(),
              topics,
              "seed-" + topics.articles(),
              Duration.ofSeconds(30),
              new SimpleMeterRegistry())) {
        seed.publish(
            List.of(),
            List.of(
                FeedStates.pending(late, null, Instant.MAX),
                FeedStates.pending(tech, null, Instant.MIN)));
      }
      try (KafkaProducer<String, byte[]> raw =
          KafkaTestClients.producer(kafka.bootstrapServers())) {
        KafkaTestClients.send(
            raw, topics.feedState(), cn, "{\"nextPoll\":".getBytes(StandardCharsets.UTF_8));
        KafkaTestClients.send(raw, topics.feedState(), tech, null);
      }
      Instant started = Instant.now();
      try (IngestService service = new IngestService(config, new SimpleMeterRegistry())) {
        service.start();
        Await.until(
            "the other feeds committed",
            () ->
                state(service, tech).status().equals(FeedState.OK)
                    && state(service, cn).status().equals(FeedState.OK));
        // The feed due at the end of time is due in 30 days instead: late, never lost.
        Instant due = state(service, late).nextPoll();
        assertThat(due)
            .isBetween(
                started.plus(FeedStates.MAX_DELAY), Instant.now().plus(FeedStates.MAX_DELAY));
        assertThat(service.ready()).isTrue();
        assertThat(service.failure()).isEmpty();
      }
      assertThat(server.requests("/late.xml")).isZero();
      assertThat(articles(topics)).hasSize(5);
    }
  }

  private static FeedState state(IngestService service, String url) {
    return service.feeds().stream().filter(f -> f.url().equals(url)).findFirst().orElseThrow();
  }

  /** A counter that throws: a bug outside any feed's handling. */
  private static final class ThrowingCounter implements Counter {
    private final Meter.Id id;

    ThrowingCounter(Meter.Id id) {
      this.id = id;
    }

    @Override
    public void increment(double amount) {
      throw new IllegalStateException("a bug outside any feed's handling");
    }

    @Override
    public double count() {
      return 0;
    }

    @Override
    public Meter.Id getId() {
      return id;
    }
  }
}
