package thesiswatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.Env;
import thesiswatch.common.FeedState;
import thesiswatch.ingest.dedupe.StoryWindow;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.ingest.limits.RecordLimits;
import thesiswatch.ingest.parse.FeedInfo;
import thesiswatch.ingest.parse.FeedParser;
import thesiswatch.ingest.parse.ParsedFeed;
import thesiswatch.ingest.schedule.FeedStates;
import thesiswatch.ingest.schedule.Poll;

/**
 * One poll of one feed, without Kafka or threads, at a fixed time: what it publishes and when the
 * feed is due again.
 */
class FeedPollerTest {

  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  FeedPoller poller(Map<String, String> env) {
    IngestConfig config = IngestConfig.from(new Env(env));
    StoryWindow window = new StoryWindow(config.dedupeWindow(), config.dedupeMaxStories());
    return new FeedPoller(
        config,
        window,
        new IngestMetrics(registry, new ConcurrentHashMap<>()),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  FeedSpec file(String fixture) throws Exception {
    Path file = Files.write(dir.resolve(fixture), LoopbackFeedServer.resource(fixture));
    return FeedSpec.of(file.toUri().toString(), "en");
  }

  double polls(String outcome, String kind) {
    return registry
        .get("thesiswatch.ingest.polls")
        .tags("outcome", outcome, "kind", kind)
        .counter()
        .count();
  }

  @Test
  void aPollPublishesTheNewStoriesAndTheFeedIsDueAgainAfterItsInterval() throws Exception {
    FeedPoller poller = poller(Map.of("INGEST_POLL_INTERVAL", "10m"));
    FeedSpec feed = file("tech-news.rss.xml");
    Duration interval = FeedStates.jittered(Duration.ofMinutes(10), feed.url());

    Poll first = poller.poll(feed, FeedStates.pending(feed.url(), null, NOW));
    assertThat(first.articles())
        .hasSize(3)
        .allSatisfy(
            a -> {
              assertThat(a.fetched()).isEqualTo(NOW);
              assertThat(a.feedUrl()).isEqualTo(feed.url());
            });
    assertThat(first.state().status()).isEqualTo(FeedState.OK);
    assertThat(first.state().lastAttempt()).isEqualTo(NOW);
    assertThat(first.state().nextPoll()).isEqualTo(NOW.plus(interval));
    assertThat(first.state().itemsSeen()).isEqualTo(3);
    assertThat(first.hostRestUntil()).isNull();

    // The same body again is not parsed: nothing to publish, due again after the interval.
    Poll second = poller.poll(feed, first.state());
    assertThat(second.articles()).isEmpty();
    assertThat(second.state().nextPoll()).isEqualTo(NOW.plus(interval));
    assertThat(polls("ok", "none")).isEqualTo(1);
    assertThat(polls("not_modified", "none")).isEqualTo(1);
  }

  @Test
  void aCopyFromAnotherFeedIsPublishedAsAnUpdateOfTheFirstStory() throws Exception {
    FeedPoller poller = poller(Map.of());
    FeedSpec tech = file("tech-news.rss.xml");
    FeedSpec wire = file("syndicated.rss.xml");
    poller.poll(tech, FeedStates.pending(tech.url(), null, NOW));

    Poll copies = poller.poll(wire, FeedStates.pending(wire.url(), null, NOW));

    assertThat(copies.articles())
        .hasSize(2)
        .allSatisfy(
            a -> {
              assertThat(a.feedUrl()).isEqualTo(tech.url());
              assertThat(a.sources()).containsExactly(wire.url());
            });
    assertThat(copies.state().itemsSeen()).isEqualTo(2);
    assertThat(
            registry
                .get("thesiswatch.ingest.duplicates.dropped")
                .tags("scope", "cross_feed")
                .counter()
                .count())
        .isEqualTo(2);
  }

  @Test
  void aFailureBacksOffFromNowAndRetryAfterRestsTheWholeHost() throws Exception {
    try (LoopbackFeedServer server = new LoopbackFeedServer()) {
      server.handle(
          "/busy",
          exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "3600");
            LoopbackFeedServer.send(exchange, 429, null, new byte[0]);
          });
      FeedPoller poller =
          poller(Map.of("INGEST_ALLOW_PRIVATE", server.hostPort(), "INGEST_BACKOFF_BASE", "1m"));
      FeedSpec busy = FeedSpec.of(server.url("/busy"), null);
      FeedSpec missing = FeedSpec.of(dir.resolve("missing.xml").toUri().toString(), null);

      Poll limited = poller.poll(busy, FeedStates.pending(busy.url(), null, NOW));
      assertThat(limited.articles()).isEmpty();
      assertThat(limited.state().status()).isEqualTo(FeedState.FAILING);
      assertThat(limited.state().lastErrorKind()).isEqualTo("http_429");
      assertThat(limited.state().nextPoll()).isEqualTo(NOW.plus(Duration.ofHours(1)));
      assertThat(limited.hostRestUntil()).isEqualTo(NOW.plus(Duration.ofHours(1)));

      Poll failed = poller.poll(missing, FeedStates.pending(missing.url(), null, NOW));
      assertThat(failed.state().lastErrorKind()).isEqualTo("io_error");
      assertThat(failed.state().nextPoll()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
      assertThat(failed.hostRestUntil()).isNull();
      assertThat(polls("failed", "http_429")).isEqualTo(1);
    }
  }

  @Test
  void theParseToArticlesStepNeedsNoFetchAndNoScheduler() throws Exception {
    byte[] body = LoopbackFeedServer.resource("tech-news.rss.xml");
    ParsedFeed parsed =
        new FeedParser(FeedParser.DEFAULT_MAX_ENTRIES)
            .parse(body, "application/rss+xml", "https://news.example.com/feed", "en", NOW);
    FeedSpec feed =
        new FeedSpec(
            "https://news.example.com/feed", "Named in the list", null, "en", null, null, true);

    assertThat(FeedPoller.articles(feed, parsed, NOW))
        .hasSize(3)
        .allSatisfy(
            a -> {
              assertThat(a.feedTitle())
                  .isEqualTo(parsed.feed().title()); // the feed's own title first
              assertThat(a.fetched()).isEqualTo(NOW);
              assertThat(a.sources()).isEmpty();
            });
  }

  @Test
  void anErrorInsideAPollIsThatFeedsClassifiedFailureNeverALostPoll() {
    IngestConfig config = IngestConfig.from(new Env(Map.of("INGEST_BACKOFF_BASE", "1m")));
    FeedPoller.Source overflowing =
        (url, lang, etag, lastModified, digest) -> {
          throw new StackOverflowError();
        };
    FeedPoller poller =
        new FeedPoller(
            overflowing,
            config,
            new StoryWindow(config.dedupeWindow(), config.dedupeMaxStories()),
            new IngestMetrics(registry, new ConcurrentHashMap<>()),
            Clock.fixed(NOW, ZoneOffset.UTC));
    FeedSpec feed = FeedSpec.of("https://deep.example/feed", "en");

    Poll poll = poller.poll(feed, FeedStates.pending(feed.url(), null, NOW));

    assertThat(poll.articles()).isEmpty();
    assertThat(poll.state().status()).isEqualTo(FeedState.FAILING);
    assertThat(poll.state().lastErrorKind()).isEqualTo("internal_error");
    assertThat(poll.state().lastErrorMessage())
        .isEqualTo("ingest: unexpected java.lang.StackOverflowError");
    assertThat(poll.state().nextPoll()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    assertThat(polls("failed", "internal_error")).isEqualTo(1);
  }

  @Test
  void aFeedTitleIsCappedWhereTheArticleIsAssembled() throws Exception {
    byte[] body = LoopbackFeedServer.resource("tech-news.rss.xml");
    ParsedFeed parsed =
        new FeedParser(FeedParser.DEFAULT_MAX_ENTRIES)
            .parse(body, "application/rss+xml", "https://news.example.com/feed", "en", NOW);
    FeedSpec feed = FeedSpec.of("https://news.example.com/feed", "en");
    ParsedFeed longTitled =
        new ParsedFeed(new FeedInfo("t".repeat(5_000), null, null, "rss_2.0"), parsed.entries());

    assertThat(FeedPoller.articles(feed, longTitled, NOW))
        .allSatisfy(
            a ->
                assertThat(a.feedTitle()).isEqualTo("t".repeat(RecordLimits.MAX_FEED_TITLE_CHARS)));
  }
}
