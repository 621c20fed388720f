package thesiswatch.backfill.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import thesiswatch.backfill.TestClock;
import thesiswatch.backfill.run.Stopped;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

class PacerTest {

  final TestClock clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));
  final List<Duration> waits = new ArrayList<>();

  Pacer pacer(int maxFailures) {
    return new Pacer(
        "web.archive.org",
        Duration.ofSeconds(1),
        Duration.ofMinutes(1),
        Duration.ofMinutes(15),
        maxFailures,
        clock,
        wait -> {
          waits.add(wait);
          clock.advance(wait);
        });
  }

  static FeedFault fault(FaultKind kind, int status, Duration retryAfter) {
    return new FeedFault(kind, "fetch: HTTP " + status, status, retryAfter, null);
  }

  @Test
  void requestsAreSpacedByTheRate() throws Exception {
    Pacer pacer = pacer(3);
    pacer.await();
    pacer.await();
    clock.advance(Duration.ofMillis(400));
    pacer.await();
    clock.advance(Duration.ofSeconds(5));
    pacer.await();
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(600));
  }

  @Test
  void aRefusalWaitsItsRetryAfterOrTheDoublingBackoffWhicheverIsLonger() throws Exception {
    Pacer pacer = pacer(5);
    pacer.await();
    pacer.failed(fault(FaultKind.HTTP_429, 429, Duration.ofMinutes(5)));
    pacer.await();
    pacer.failed(fault(FaultKind.HTTP_429, 429, Duration.ofSeconds(10)));
    pacer.await();
    pacer.failed(fault(FaultKind.HTTP_503, 503, null));
    pacer.await();
    pacer.succeeded();
    pacer.failed(fault(FaultKind.TIMEOUT, 0, null));
    pacer.await();
    assertThat(waits)
        .containsExactly(
            Duration.ofMinutes(5),
            Duration.ofMinutes(2),
            Duration.ofMinutes(4),
            Duration.ofMinutes(1));
  }

  @Test
  void repeatedFailuresStopTheRunWithAMessage() throws Exception {
    Pacer pacer = pacer(3);
    pacer.failed(fault(FaultKind.HTTP_ERROR, 500, null));
    pacer.failed(fault(FaultKind.HTTP_ERROR, 502, null));
    assertThatThrownBy(() -> pacer.failed(fault(FaultKind.HTTP_429, 429, null)))
        .isInstanceOf(Stopped.class)
        .hasMessageContaining("stopped after 3 failures in a row from web.archive.org")
        .hasMessageContaining("http_429")
        .hasMessageContaining("the same command resumes");
  }

  @Test
  void onlyTheArchivesTroubleIsRetried() {
    assertThat(Pacer.transientFault(fault(FaultKind.HTTP_429, 429, null))).isTrue();
    assertThat(Pacer.transientFault(fault(FaultKind.HTTP_ERROR, 502, null))).isTrue();
    assertThat(Pacer.transientFault(fault(FaultKind.IO_ERROR, 0, null))).isTrue();
    assertThat(Pacer.transientFault(fault(FaultKind.HTTP_ERROR, 403, null))).isFalse();
    assertThat(Pacer.transientFault(fault(FaultKind.HTTP_404, 404, null))).isFalse();
    assertThat(Pacer.transientFault(fault(FaultKind.NOT_A_FEED, 0, null))).isFalse();
  }

  @Test
  void ratesReadAsPeopleWriteThem() {
    assertThat(Rates.interval("1/s")).isEqualTo(Duration.ofSeconds(1));
    assertThat(Rates.interval("20/min")).isEqualTo(Duration.ofSeconds(3));
    assertThat(Rates.interval("3600/h")).isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> Rates.interval("fast"))
        .hasMessageContaining("expected requests per time, such as 1/s, 20/min or 500/h");
    assertThatThrownBy(() -> Rates.interval("0/s")).isInstanceOf(IllegalArgumentException.class);
  }
}
