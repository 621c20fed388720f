package thesiswatch.dashboard.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefreshPaceTest {

  private static final Duration INTERVAL = Duration.ofMillis(200);

  @Test
  void aLoneNewArticleIsSearchableWithinAQuarterOfTheInterval() {
    assertThat(RefreshPace.gap(INTERVAL, 1, false)).isEqualTo(Duration.ofMillis(50));
    assertThat(RefreshPace.gap(INTERVAL, RefreshPace.TRICKLE, false))
        .isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void aFlowOfArticlesIsRefreshedOncePerInterval() {
    assertThat(RefreshPace.gap(INTERVAL, RefreshPace.TRICKLE + 1, false)).isEqualTo(INTERVAL);
    assertThat(RefreshPace.gap(INTERVAL, 1_500, false)).isEqualTo(INTERVAL);
  }

  @Test
  void aBacklogIsRefreshedInFewerLargerSteps() {
    assertThat(RefreshPace.gap(INTERVAL, 2_000, true)).isEqualTo(Duration.ofSeconds(1));
    // A full poll is a backlog even when few of its records were articles (feed states, letters).
    assertThat(RefreshPace.gap(INTERVAL, 3, true)).isEqualTo(Duration.ofSeconds(1));
  }
}
