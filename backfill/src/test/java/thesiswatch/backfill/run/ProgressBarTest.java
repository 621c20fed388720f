package thesiswatch.backfill.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import thesiswatch.backfill.TestClock;

class ProgressBarTest {

  @Test
  void theBarSaysDoneOfTotalArticlesRateAndTimeLeftAndTheSummaryEndsTheRun() {
    TestClock clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar =
        new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, clock);
    bar.started("archive", 480);
    clock.advance(Duration.ofSeconds(60));
    bar.stepped(new Summary("archive", 480, 120, 1234, 50, Map.of(), Duration.ofSeconds(60), null));
    bar.finished(
        new Summary(
            "archive",
            480,
            480,
            4000,
            900,
            Map.of("http_404", 2L, "not_a_feed", 1L),
            Duration.ofMinutes(4),
            null));
    assertThat(bytes.toString(StandardCharsets.UTF_8).split("\n"))
        .containsExactly(
            "backfill archive: 480 captures to do",
            "[######------------------] 120/480 captures · 1234 articles · 2.0/s · 3m00s left",
            "backfill archive: done in 4m00s — 480 of 480 captures, 4000 articles published, 900"
                + " items already published, 3 problems (http_404 2, not_a_feed 1)");
  }
}
