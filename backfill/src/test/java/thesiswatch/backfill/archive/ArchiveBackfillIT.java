package thesiswatch.backfill.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import thesiswatch.backfill.BackfillJob;
import thesiswatch.backfill.Sources;
import thesiswatch.backfill.TestClock;
import thesiswatch.backfill.run.Listener;
import thesiswatch.backfill.run.Summary;
import thesiswatch.common.Article;
import thesiswatch.common.BackfillState;
import thesiswatch.common.Env;
import thesiswatch.common.Json;
import thesiswatch.common.Topics;
import thesiswatch.ingest.IngestConfig;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.testkit.KafkaBroker;
import thesiswatch.testkit.RecordedArchive;
import thesiswatch.testkit.RecordedArchive.Behaviour;
import thesiswatch.testkit.RecordedArchive.Recorded;
import thesiswatch.testkit.RecordedArchive.Shape;

/**
 * A backfill against a CDX server written for the test: recorded captures with items that overlap
 * from capture to capture and across two feeds, a capture that is an HTML error page, a 404, a 429
 * with {@code Retry-After}, a listing paged by {@code resumeKey} (Wayback shape) or served as JSON
 * lines without the original URL (pywb shape). Each item is published once; a second run publishes
 * nothing.
 */
class ArchiveBackfillIT {

  @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();

  static final String FEED = "https://news.example/feed.xml";
  static final String CAPTURED_AS = "http://www.news.example/feed.xml";
  static final String OTHER = "https://other.example/rss";
  static final String RSS = "application/rss+xml";

  static void record(RecordedArchive archive, boolean withOriginal) {
    String original = withOriginal ? CAPTURED_AS : FEED;
    archive
        .add(FEED, capture("20241231120000", original, feed("a0"), Behaviour.OK))
        .add(FEED, capture("20250105120000", original, feed("a1", "a2", "a3"), Behaviour.OK))
        .add(FEED, capture("20250106120000", original, feed("a2", "a3", "a4"), Behaviour.OK))
        .add(
            FEED,
            capture("20250107120000", original, feed("a4", "a5"), Behaviour.RATE_LIMITED_ONCE))
        .add(
            FEED,
            new Recorded(
                "20250108120000",
                original,
                "text/html",
                "<!DOCTYPE html><html><head><title>Wayback error</title></head>"
                    + "<body>Service unavailable</body></html>",
                Behaviour.OK))
        .add(FEED, capture("20250109120000", original, feed("a6"), Behaviour.NOT_FOUND))
        .add(FEED, capture("20250110", original, feed("a5", "a6"), Behaviour.OK))
        // February 30th: a row that names no capture, counted as the feed's problem.
        .add(FEED, capture("20250230120000", original, feed("a7"), Behaviour.OK))
        .add(OTHER, capture("20250106000000", OTHER, feed("b1", "a2"), Behaviour.OK));
  }

  static Recorded capture(String timestamp, String original, String body, Behaviour behaviour) {
    return new Recorded(timestamp, original, RSS, body, behaviour);
  }

  /** An RSS document of the items named: a3 has no date, a4 a relative link, the rest a date. */
  static String feed(String... names) {
    List<String[]> items = new ArrayList<>();
    for (String name : names) {
      String link = name.equals("a4") ? "/story/a4" : "https://news.example/story/" + name;
      String date =
          switch (name) {
            case "a3" -> null;
            case "b1" -> "Sun, 05 Jan 2025 20:00:00 GMT";
            default -> "Sat, 04 Jan 2025 0" + name.charAt(1) + ":00:00 GMT";
          };
      items.add(new String[] {"Story " + name + " about the labour market", link, date});
    }
    return RecordedArchive.rss("Example News", items);
  }

  @Test
  void eachItemOfTheWaybackShapedArchiveIsPublishedOnceAndASecondRunAddsNothing() {
    try (RecordedArchive archive = RecordedArchive.start(Shape.WAYBACK, 2)) {
      record(archive, true);
      Topics topics = kafka.freshTopics();
      List<Duration> waits = new CopyOnWriteArrayList<>();
      Summary first = run(archive, topics, waits);

      assertThat(first.stopped()).isNull();
      assertThat(first.problems())
          .isEqualTo(Map.of("not_a_feed", 1L, "http_404", 1L, "cdx_bad_row", 1L));
      assertThat(first.done()).isEqualTo(7);
      assertThat(waits).as("the 429's Retry-After is waited out").contains(Duration.ofSeconds(1));
      assertThat(archive.requests())
          .as("the listing is paged with the archive's resumeKey")
          .anyMatch(r -> r.startsWith("/cdx/search/cdx?") && r.contains("&resumeKey=2"));
      assertThat(archive.requests())
          .as("the contract's CDX query")
          .contains(
              "/cdx/search/cdx?url=https%3A%2F%2Fnews.example%2Ffeed.xml&from=20250101&to=20251231"
                  + "&output=json&filter=statuscode:200&collapse=digest&fl=timestamp,original,digest");
      assertThat(archive.requests())
          .as("captures come from id_ URLs of the original the archive listed")
          .contains("/web/20250105120000id_/" + CAPTURED_AS)
          .noneMatch(r -> r.startsWith("/web/20241231"));

      List<ConsumerRecord<String, byte[]>> records = kafka.readCommitted(topics.articles());
      Map<String, List<Article>> byTitle = byTitle(records);
      assertThat(byTitle.keySet())
          .containsExactlyInAnyOrder(
              "Story a1 about the labour market",
              "Story a2 about the labour market",
              "Story a3 about the labour market",
              "Story a4 about the labour market",
              "Story a5 about the labour market",
              "Story a6 about the labour market",
              "Story b1 about the labour market");
      byTitle.forEach(
          (title, copies) ->
              assertThat(copies)
                  .as(title)
                  .hasSize(title.contains("a2") ? 2 : 1)
                  .allSatisfy(a -> assertThat(a.backfill()).isNotNull()));
      Article a2 = last(byTitle, "a2");
      assertThat(a2.feedUrl()).isEqualTo(FEED);
      assertThat(a2.sources()).as("the copy in the other feed is merged").containsExactly(OTHER);
      Article a3 = last(byTitle, "a3");
      assertThat(a3.published())
          .as("an undated item is dated by its first capture")
          .isEqualTo(Instant.parse("2025-01-05T12:00:00Z"));
      assertThat(a3.backfill().captured()).isEqualTo(Instant.parse("2025-01-05T12:00:00Z"));
      assertThat(a3.backfill().source()).isEqualTo("archive");
      assertThat(last(byTitle, "a4").link())
          .as("a relative link resolves against the original address, not the archive's")
          .isEqualTo("http://www.news.example/story/a4");
      assertThat(last(byTitle, "a6").backfill().captured())
          .as("a 10-digit timestamp is read")
          .isEqualTo(Instant.parse("2025-01-10T00:00:00Z"));

      BackfillState state = states(topics).get("archive " + archive.url() + " " + FEED);
      assertThat(state.status()).isEqualTo(BackfillState.DONE);
      assertThat(state.total()).isEqualTo(6);
      assertThat(state.done()).isEqualTo(6);
      assertThat(state.articles()).isEqualTo(6);
      assertThat(state.problems()).containsEntry("cdx_bad_row", 1L);
      assertThat(state.capturesByDay()).containsEntry("2025-01-05", 1).hasSize(6);
      assertThat(state.covered())
          .containsExactly(
              new BackfillState.Range(
                  Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-10T00:00:00Z")));

      int before = archive.requests().size();
      Summary second = run(archive, topics, waits);
      assertThat(second.done()).isZero();
      assertThat(archive.requests().subList(before, archive.requests().size()))
          .as("a second run only lists")
          .allMatch(r -> r.startsWith("/cdx/search/cdx?"));
      assertThat(kafka.readCommitted(topics.articles())).hasSameSizeAs(records);
    }
  }

  @Test
  void aPywbShapedArchiveIsListedPerCollectionAndItsCapturesFetchedByTheFeedUrl() {
    try (RecordedArchive archive = RecordedArchive.start(Shape.PYWB, 100)) {
      record(archive, false);
      Topics topics = kafka.freshTopics();
      Summary summary = run(archive, topics, new ArrayList<>());
      assertThat(summary.stopped()).isNull();
      assertThat(archive.requests())
          .anyMatch(r -> r.startsWith("/cdx/search/cdx?"))
          .anyMatch(r -> r.startsWith("/web/cdx?url="))
          .contains("/web/20250105120000id_/" + FEED);
      assertThat(byTitle(kafka.readCommitted(topics.articles()))).hasSize(7);
    }
  }

  @Test
  void aLoopbackArchiveIsRefusedByIngestsAddressGuardUnlessAllowed() {
    try (RecordedArchive archive = RecordedArchive.start(Shape.WAYBACK, 2)) {
      record(archive, true);
      Topics topics = kafka.freshTopics();
      Map<String, String> env = new HashMap<>(topics.variables());
      env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
      IngestConfig config = IngestConfig.from(new Env(env));
      Summary summary =
          new BackfillJob(
                  Sources.archive(
                      archive.url(),
                      List.of(FeedSpec.of(FEED, "en")),
                      LocalDate.parse("2025-01-01"),
                      LocalDate.parse("2025-12-31"),
                      new Sources.Politeness("1000/s", "1000/s", Duration.ofMillis(10), 3),
                      config,
                      new TestClock(Instant.parse("2026-12-01T09:00:00Z")),
                      wait -> {},
                      false),
                  kafka.bootstrapServers(),
                  config,
                  new TestClock(Instant.parse("2026-12-01T09:00:00Z")))
              .run(Listener.NONE);
      assertThat(summary.problems()).isEqualTo(Map.of("cdx_blocked_address", 1L));
      assertThat(archive.requests()).as("not one connection").isEmpty();
      assertThat(kafka.readCommitted(topics.articles())).isEmpty();
    }
  }

  static Summary run(RecordedArchive archive, Topics topics, List<Duration> waits) {
    Map<String, String> env = new HashMap<>(topics.variables());
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("INGEST_ALLOW_PRIVATE", archive.hostPort());
    IngestConfig config = IngestConfig.from(new Env(env));
    TestClock clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));
    BackfillJob job =
        new BackfillJob(
            Sources.archive(
                archive.url(),
                List.of(FeedSpec.of(FEED, "en"), FeedSpec.of(OTHER, "en")),
                LocalDate.parse("2025-01-01"),
                LocalDate.parse("2025-12-31"),
                new Sources.Politeness("1000/s", "1000/s", Duration.ofMillis(10), 3),
                config,
                clock,
                wait -> {
                  waits.add(wait);
                  clock.advance(wait);
                },
                false),
            kafka.bootstrapServers(),
            config,
            clock);
    return job.run(Listener.NONE);
  }

  static Map<String, List<Article>> byTitle(List<ConsumerRecord<String, byte[]>> records) {
    Map<String, List<Article>> out = new TreeMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      Article article = Json.read(record.value(), Article.class);
      assertThat(record.key()).isEqualTo(article.id());
      out.computeIfAbsent(article.title(), k -> new ArrayList<>()).add(article);
    }
    return out;
  }

  static Article last(Map<String, List<Article>> byTitle, String name) {
    List<Article> copies = byTitle.get("Story " + name + " about the labour market");
    return copies.get(copies.size() - 1);
  }

  static Map<String, BackfillState> states(Topics topics) {
    Map<String, BackfillState> out = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : kafka.readCommitted(topics.backfillState())) {
      out.put(record.key(), Json.read(record.value(), BackfillState.class));
    }
    return out;
  }
}
