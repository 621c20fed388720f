package thesiswatch.ingest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import thesiswatch.common.FeedState;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.testkit.Await;

/**
 * Due times against a fixed clock, with a poller that fetches nothing: one fetch thread, so polls
 * run in the order they were dispatched, and a feed due in an hour is simply never reached.
 */
class PollSchedulerTest {

  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final FeedStates RULES = new FeedStates(Duration.ofMinutes(1), Duration.ofHours(6), 10);

  final Map<String, FeedState> states = new ConcurrentHashMap<>();
  final List<String> polled = new CopyOnWriteArrayList<>();
  final BlockingQueue<Poll> done = new LinkedBlockingQueue<>();

  /** Feeds whose poll answers with the server's Retry-After of an hour. */
  final List<String> rateLimited = new CopyOnWriteArrayList<>();

  final PollScheduler scheduler =
      new PollScheduler(
          1,
          1,
          Duration.ZERO,
          states::get,
          this::poll,
          done::add,
          Clock.fixed(NOW, ZoneOffset.UTC));

  Poll poll(FeedSpec feed, FeedState before) {
    polled.add(feed.url());
    if (rateLimited.contains(feed.url())) {
      FeedState after =
          RULES.afterFailure(
              before,
              new FeedFault(FaultKind.HTTP_429, "fetch: HTTP 429", Duration.ofHours(1), null),
              NOW);
      return new Poll(feed, List.of(), after, after.nextPoll());
    }
    return new Poll(feed, List.of(), before, null);
  }

  FeedSpec feed(String url, FeedState state) {
    states.put(url, state);
    return FeedSpec.of(url, null);
  }

  Poll next() throws InterruptedException {
    Poll poll = done.poll(10, TimeUnit.SECONDS);
    assertThat(poll).as("a poll within 10 s").isNotNull();
    return poll;
  }

  @AfterEach
  void stop() throws InterruptedException {
    scheduler.stop();
    scheduler.awaitPolls(5_000);
  }

  @Test
  void atStartAFeedIsPolledAtItsStoredDueTimeAndAFeedTheServerDisabledNever() throws Exception {
    String goneUrl = "https://gone.example/feed";
    FeedState gone =
        RULES.afterFailure(
            FeedStates.pending(goneUrl, null, NOW),
            new FeedFault(FaultKind.HTTP_410, "fetch: HTTP 410"),
            NOW.minusSeconds(60));
    FeedSpec disabled = feed(goneUrl, gone);
    FeedSpec later =
        feed(
            "https://later.example/feed",
            FeedStates.pending("https://later.example/feed", null, NOW.plus(Duration.ofHours(1))));
    FeedSpec due =
        feed("https://due.example/feed", FeedStates.pending("https://due.example/feed", null, NOW));

    scheduler.scheduleAll(List.of(disabled, later, due));

    // Had the disabled feed been scheduled, due at once like the third, it would have run first.
    Poll first = next();
    assertThat(first.feed()).isEqualTo(due);
    assertThat(first.state()).isSameAs(states.get(due.url()));
    assertThat(polled).containsExactly(due.url());
  }

  @Test
  void aRetryAfterRestsTheWholeHostWhileOtherHostsGoOn() throws Exception {
    FeedSpec limited =
        feed("https://busy.example/a", FeedStates.pending("https://busy.example/a", null, NOW));
    FeedSpec sameHost =
        feed("https://busy.example/b", FeedStates.pending("https://busy.example/b", null, NOW));
    FeedSpec otherHost =
        feed("https://calm.example/c", FeedStates.pending("https://calm.example/c", null, NOW));
    rateLimited.add(limited.url());

    scheduler.schedule(limited, NOW);
    assertThat(next().hostRestUntil()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    scheduler.schedule(sameHost, NOW);
    scheduler.schedule(otherHost, NOW);

    // The same host's feed was dispatched first and put off for the hour; the other host's ran.
    assertThat(next().feed()).isEqualTo(otherHost);
    assertThat(polled).containsExactly(limited.url(), otherHost.url());
  }

  @Test
  void aPollerThatThrowsAnErrorLeavesItsFeedScheduledNeverLost() throws Exception {
    List<Throwable> thrown = new CopyOnWriteArrayList<>();
    PollScheduler failing =
        new PollScheduler(
            1,
            1,
            Duration.ZERO,
            states::get,
            (feed, before) -> {
              StackOverflowError e = new StackOverflowError();
              thrown.add(e);
              throw e;
            },
            done::add,
            Clock.fixed(NOW, ZoneOffset.UTC));
    try {
      FeedSpec deep =
          feed(
              "https://deep.example/feed",
              FeedStates.pending("https://deep.example/feed", null, NOW));
      failing.schedule(deep, NOW);
      // The task threw; the feed is waiting for its retry, a minute later on the fixed clock.
      Await.until(
          "the failed feed scheduled again", () -> thrown.size() == 1 && failing.waiting() == 1);
      assertThat(done).isEmpty();
    } finally {
      failing.stop();
      failing.awaitPolls(5_000);
    }
  }

  @Test
  void aDueTimeIsClampedToTheLongestDelay() {
    assertThat(PollScheduler.delayMillis(NOW, Instant.MAX))
        .isEqualTo(FeedStates.MAX_DELAY.toMillis());
    assertThat(PollScheduler.delayMillis(NOW, NOW.plus(Duration.ofDays(365))))
        .isEqualTo(FeedStates.MAX_DELAY.toMillis());
    assertThat(PollScheduler.delayMillis(NOW, NOW.plusSeconds(5))).isEqualTo(5_000);
    assertThat(PollScheduler.delayMillis(NOW, Instant.MIN)).isZero();
    assertThat(PollScheduler.delayMillis(NOW, null)).isZero();
  }
}
