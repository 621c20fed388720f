package thesiswatch.dashboard.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import thesiswatch.dashboard.HandClock;

class StallWatchTest {

  private final HandClock clock = new HandClock(Instant.parse("2025-03-01T00:00:00Z"));
  private final StallWatch watch = new StallWatch(clock, Duration.ofMinutes(2));

  @Test
  void lagWithoutProgressForTheStallTimeIsAStall() {
    watch.turn(500, 100);
    clock.advance(Duration.ofSeconds(119));
    watch.turn(500, 100);
    assertThat(watch.stalled()).isFalse();
    clock.advance(Duration.ofSeconds(2));
    watch.turn(500, 100);
    assertThat(watch.stalled()).isTrue();
    assertThat(watch.lag()).isEqualTo(500);
    // One more record handled is progress.
    watch.turn(499, 101);
    assertThat(watch.stalled()).isFalse();
  }

  @Test
  void aCaughtUpReaderIsNeverStalledHoweverLongNothingArrives() {
    watch.turn(0, 7);
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMinutes(5));
      watch.turn(0, 7);
      assertThat(watch.stalled()).isFalse();
    }
  }

  @Test
  void aLoopThatStopsComingRoundIsAStallEvenWithoutKnownLag() {
    watch.turn(0, 7);
    clock.advance(Duration.ofMinutes(2).plusMillis(1));
    assertThat(watch.stalled()).isTrue();
    watch.turn();
    assertThat(watch.stalled()).isFalse();
  }

  @Test
  void failedPollsKeepTheLoopAliveButAreNoProgress() {
    watch.turn(40, 3);
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMinutes(1));
      watch.turn();
    }
    assertThat(watch.stalled()).isTrue();
  }
}
