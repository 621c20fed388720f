package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StallWatchTest {

  private Instant now = Instant.parse("2026-01-01T00:00:00Z");

  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }
      };

  private final StallWatch watch = new StallWatch(Duration.ofMinutes(5), clock);

  @Test
  void waitingWorkWithoutProgressIsAStallOnceTheStallTimeHasPassed() {
    assertThat(watch.stalled()).isFalse();
    watch.waiting();
    now = now.plus(Duration.ofMinutes(4));
    watch.waiting(); // still the same work: the clock does not start again
    assertThat(watch.stalled()).isFalse();
    now = now.plus(Duration.ofMinutes(1));
    assertThat(watch.stalled()).isTrue();
    watch.progressed();
    assertThat(watch.stalled()).isFalse();
    watch.waiting();
    now = now.plus(Duration.ofMinutes(10));
    watch.idle();
    assertThat(watch.stalled()).isFalse();
  }
}
