package thesiswatch.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A benchmark's wait ends: when its progress reaches the target, or with why when the progress
 * stands still (a lost article, a stuck service) — never by waiting for ever.
 */
class BenchStackAwaitTest {

  @Test
  void progressThatStandsStillEndsTheWaitWithHowFarItGot() {
    assertThatThrownBy(
            () ->
                BenchStack.await(
                    () -> 3,
                    10,
                    Instant.now(),
                    new ArrayList<>(),
                    List.of(),
                    Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stuck at 3 of 10, no progress for PT1S");
  }

  @Test
  void progressThatMovesIsWaitedForUntilItArrives() throws Exception {
    AtomicInteger done = new AtomicInteger();
    List<String> lag = new ArrayList<>();
    BenchStack.await(
        () -> done.addAndGet(1), 4, Instant.now(), lag, List.of(), Duration.ofSeconds(1));
    assertThat(done.get()).isEqualTo(4);
    assertThat(lag).containsExactly("0s:3");
  }
}
