package thesiswatch.dashboard.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import thesiswatch.common.ClaimTest;

/** Each verdict's sentence says the numbers it rests on, in both languages. */
class SentencesTest {

  static final Map<String, String> LAYOFFS = Map.of("zh", "裁员", "en", "layoffs");
  static final ClaimTest TEST =
      new ClaimTest(
          ClaimRuleTest.YEAR,
          Duration.ofDays(90),
          ClaimRuleTest.BEFORE,
          30,
          List.of(ClaimRuleTest.STANCE, ClaimRuleTest.ATTENTION_CONTINUES));

  static WindowCounts counts(long total, long themed, long supports, long challenges) {
    return new WindowCounts(
        Instant.EPOCH, Instant.EPOCH.plusSeconds(1), total, themed, supports, challenges);
  }

  @Test
  void aBorneOutClaimStatesBothSignalsAndTheRule() {
    WindowCounts window = counts(2000, 70, 61, 9);
    WindowCounts baseline = counts(2000, 42, 20, 10);
    ClaimRule.Assessment assessment = ClaimRule.assess(TEST, window, baseline, true);
    Map<String, String> why =
        Sentences.why(
            LAYOFFS,
            new Sentences.WindowLabel(
                LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), null, 0),
            window,
            baseline,
            TEST,
            assessment);
    assertThat(why.get("en"))
        .isEqualTo(
            "In 2025, 61 of 70 stance-bearing articles on layoffs support the claim (87%, 95% CI"
                + " 77–93%); the theme's share of coverage rose from 2.1% to 3.5% (rate ratio 1.67,"
                + " 95% CI 1.14–2.43). Borne out: every deciding signal's interval lies above its"
                + " threshold.");
    assertThat(why.get("zh"))
        .isEqualTo(
            "2025年，70篇表明立场的裁员报道中有61篇支持这一论点（87%，95%置信区间77–93%）；"
                + "该主题在全部报道中的占比从2.1%升至3.5%（比率1.67，95%置信区间1.14–2.43）。"
                + "得到印证：每个决定性信号的置信区间都高于其阈值。");
  }

  @Test
  void tooLittleEvidenceSaysHowMuchIsNeededAndAnOpenWindowSaysWhereItEnds() {
    WindowCounts window = counts(300, 14, 12, 0);
    ClaimRule.Assessment assessment =
        ClaimRule.assess(TEST, window, counts(2000, 42, 20, 10), true);
    Map<String, String> why =
        Sentences.why(
            LAYOFFS,
            new Sentences.WindowLabel(
                LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), LocalDate.of(2025, 2, 28), 0),
            window,
            counts(2000, 42, 20, 10),
            TEST,
            assessment);
    assertThat(assessment.verdict()).isEqualTo(ClaimRule.TOO_EARLY);
    assertThat(why.get("en"))
        .startsWith(
            "In 2025 (to 2025-02-28), 12 of 12 stance-bearing articles on layoffs"
                + " support the claim (100%); the test needs 30;")
        .endsWith("Too early: a deciding signal has less evidence than the test's 30.");
  }

  @Test
  void tooLittleEvidenceInAClosedWindowSaysThatOnlyABackfillCanStillDecideIt() {
    WindowCounts window = counts(900, 40, 29, 0);
    WindowCounts baseline = counts(2000, 42, 20, 10);
    ClaimRule.Assessment assessment = ClaimRule.assess(TEST, window, baseline, true);
    Sentences.WindowLabel closed =
        new Sentences.WindowLabel(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), null, 0);
    Map<String, String> why = Sentences.why(LAYOFFS, closed, window, baseline, TEST, assessment);
    assertThat(assessment.verdict()).isEqualTo(ClaimRule.TOO_EARLY);
    assertThat(why.get("en"))
        .startsWith("In 2025, 29 of 29 stance-bearing articles on layoffs support the claim")
        .endsWith(
            "Too early: the window has closed, but a deciding signal has less evidence than the"
                + " test's 30; only more of the window's own coverage, backfilled, can still"
                + " decide it.");
    assertThat(why.get("zh")).endsWith("为时尚早：评估窗口已经结束，但有决定性信号的证据少于检验所需的30篇；只有补录窗口内的更多报道才可能作出判定。");
    // A rolling window never closes: it moves on, and waiting can decide it.
    Sentences.WindowLabel rolling =
        new Sentences.WindowLabel(LocalDate.of(2025, 10, 3), LocalDate.of(2025, 12, 31), null, 90);
    assertThat(Sentences.why(LAYOFFS, rolling, window, baseline, TEST, assessment).get("en"))
        .endsWith("Too early: a deciding signal has less evidence than the test's 30.");
  }

  @Test
  void beforeTheWindowOpens() {
    ClaimRule.Assessment assessment =
        ClaimRule.assess(TEST, counts(0, 0, 0, 0), counts(2000, 42, 20, 10), false);
    assertThat(
            Sentences.why(
                LAYOFFS,
                new Sentences.WindowLabel(
                    LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), null, 0),
                counts(0, 0, 0, 0),
                counts(2000, 42, 20, 10),
                TEST,
                assessment))
        .containsEntry("en", "Too early: the window opens on 2025-01-01.")
        .containsEntry("zh", "为时尚早：评估窗口自2025-01-01起。");
  }
}
