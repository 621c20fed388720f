package thesiswatch.ingest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import thesiswatch.common.FeedState;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

class FeedStatesTest {

  static final Instant NOW = Instant.parse("2025-03-03T12:00:00Z");
  final FeedStates rules = new FeedStates(Duration.ofMinutes(1), Duration.ofHours(6), 3);
  final FeedState pending = FeedStates.pending("https://a.example/feed", "A", NOW);

  @Test
  void backoffDoublesPerFailureUpToTheCapAndNeverGivesUp() {
    assertThat(List.of(1, 2, 3, 9, 10, 100).stream().map(rules::backoff))
        .containsExactly(
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(4),
            Duration.ofMinutes(256),
            Duration.ofHours(6),
            Duration.ofHours(6));
    FeedState state = pending;
    for (int i = 0; i < 50; i++) {
      state = rules.afterFailure(state, new FeedFault(FaultKind.TIMEOUT, "fetch: slow"), NOW);
    }
    assertThat(state.status()).isEqualTo(FeedState.FAILING);
    assertThat(state.consecutiveErrors()).isEqualTo(50);
    assertThat(state.nextPoll()).isEqualTo(NOW.plus(Duration.ofHours(6)));
    assertThat(state.lastErrorKind()).isEqualTo("timeout");
    assertThat(state.lastErrorMessage()).isEqualTo("fetch: slow");
  }

  @Test
  void retryAfterIsHonouredAndCappedAtADay() {
    FeedState asked =
        rules.afterFailure(
            pending,
            new FeedFault(FaultKind.HTTP_429, "fetch: HTTP 429", Duration.ofMinutes(30), null),
            NOW);
    assertThat(asked.nextPoll()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    FeedState absurd =
        rules.afterFailure(
            pending,
            new FeedFault(FaultKind.HTTP_503, "fetch: HTTP 503", Duration.ofDays(30), null),
            NOW);
    assertThat(absurd.nextPoll()).isEqualTo(NOW.plus(Duration.ofHours(24)));
  }

  @Test
  void goneDisablesTheFeed() {
    FeedState gone =
        rules.afterFailure(pending, new FeedFault(FaultKind.HTTP_410, "fetch: HTTP 410"), NOW);
    assertThat(gone.status()).isEqualTo(FeedState.DISABLED);
    assertThat(gone.nextPoll()).isNull();
  }

  @Test
  void successResetsErrorsKeepsValidatorsAndBoundsTheSeenWindow() {
    FeedState failing =
        rules.afterFailure(pending, new FeedFault(FaultKind.HTTP_404, "fetch: HTTP 404"), NOW);
    FeedState ok =
        rules.afterSuccess(
            failing, "A feed", "\"e1\"", "lm", NOW, Duration.ofMinutes(15), List.of("a", "b"));
    ok =
        rules.afterSuccess(
            ok, null, "\"e2\"", "lm2", NOW, Duration.ofMinutes(15), List.of("b", "c", "d"));
    assertThat(ok)
        .isEqualTo(
            new FeedState(
                "https://a.example/feed",
                "A feed",
                FeedState.OK,
                "\"e2\"",
                "lm2",
                0,
                NOW,
                NOW,
                null,
                null,
                NOW.plus(Duration.ofMinutes(15)),
                4,
                List.of("b", "c", "d")));
  }

  @Test
  void jitterIsWithinTenPercentAndFixedPerFeed() {
    Duration base = Duration.ofMinutes(15);
    for (int i = 0; i < 200; i++) {
      Duration jittered = FeedStates.jittered(base, "https://host.example/feed/" + i);
      assertThat(jittered).isBetween(Duration.ofSeconds(810), Duration.ofSeconds(990));
      assertThat(FeedStates.jittered(base, "https://host.example/feed/" + i)).isEqualTo(jittered);
    }
  }

  @Test
  void aStoredStateIsResumedWithinTheBoundsThisCodeWrites() {
    String url = "https://a.example/feed";
    FeedState absurd =
        new FeedState(
            url,
            "x".repeat(1_000),
            "bewildered",
            "e".repeat(5_000),
            "Mon, 03 Mar 2025 09:30:00 GMT",
            -7,
            Instant.MAX,
            Instant.parse("1970-01-01T00:00:00Z"),
            "k".repeat(100),
            "m".repeat(2_000),
            Instant.MAX,
            -5,
            List.of("1", "2", "3", "4", "5"));

    FeedState resumed = rules.resumed(url, absurd, NOW);

    assertThat(resumed)
        .isEqualTo(
            new FeedState(
                url,
                "x".repeat(300),
                FeedState.PENDING,
                null,
                "Mon, 03 Mar 2025 09:30:00 GMT",
                0,
                null,
                null,
                "k".repeat(64),
                "m".repeat(500),
                NOW.plus(FeedStates.MAX_DELAY),
                0,
                List.of("3", "4", "5")));
  }

  @Test
  void aStoredStateWithoutADueTimeIsDueNowUnlessDisabledAndAnotherFeedsStateIsIgnored() {
    FeedState noDue =
        new FeedState(
            pending.url(),
            "A",
            FeedState.FAILING,
            null,
            null,
            2,
            NOW,
            null,
            "timeout",
            "fetch: slow",
            null,
            0,
            List.of());
    FeedState gone =
        new FeedState(
            pending.url(),
            "A",
            FeedState.DISABLED,
            null,
            null,
            1,
            NOW,
            null,
            "http_410",
            "gone",
            null,
            0,
            List.of());
    FeedState ancient =
        FeedStates.pending(pending.url(), "A", Instant.parse("0001-01-01T00:00:00Z"));

    assertThat(rules.resumed(pending.url(), noDue, NOW).nextPoll()).isEqualTo(NOW);
    assertThat(rules.resumed(pending.url(), gone, NOW).nextPoll()).isNull();
    assertThat(rules.resumed(pending.url(), ancient, NOW).nextPoll()).isEqualTo(NOW);
    assertThat(rules.resumed("https://other.example/feed", pending, NOW)).isNull();
    assertThat(rules.resumed(pending.url(), pending, NOW)).isEqualTo(pending);
  }

  @Test
  void aLongErrorMessageAndLongValidatorsAreNotKeptWhole() {
    FeedState failed =
        rules.afterFailure(pending, new FeedFault(FaultKind.TIMEOUT, "m".repeat(10_000)), NOW);
    assertThat(failed.lastErrorMessage()).hasSize(500);
    FeedState ok =
        rules.afterSuccess(
            pending, "A", "e".repeat(2_000), "Mon", NOW, Duration.ofMinutes(5), List.of());
    assertThat(ok.etag()).isNull();
    assertThat(ok.lastModified()).isEqualTo("Mon");
  }
}
