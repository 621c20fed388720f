package thesiswatch.dashboard.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import thesiswatch.common.ClaimTest;

/** The periods of the track record. */
class TrackRecordTest {

  static Scorecard.Judgement judgement(LocalDate day) {
    return new Scorecard.Judgement(
        day.getMonthValue() % 2 == 0 ? ClaimRule.BEARS_OUT : ClaimRule.CONTESTED,
        Map.of(),
        Map.of(),
        List.of(),
        0,
        0,
        0,
        0,
        0);
  }

  @Test
  void aMonthPerPeriodFromTheBaselineOnTheCurrentOneOpen() {
    List<TrackRecord.Entry> months =
        TrackRecord.monthly(
            "layoffs", ClaimTest.DEFAULT, LocalDate.of(2025, 2, 10), TrackRecordTest::judgement);
    assertThat(months)
        .extracting(TrackRecord.Entry::period)
        .containsExactly(
            "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12", "2025-01", "2025-02");
    assertThat(months.get(0).asOf()).isEqualTo(LocalDate.of(2024, 7, 31));
    assertThat(months.get(7).asOf()).isEqualTo(LocalDate.of(2025, 2, 10));
    assertThat(months)
        .extracting(TrackRecord.Entry::closed)
        .containsExactly(true, true, true, true, true, true, true, false);
    assertThat(months.get(7).key()).isEqualTo("layoffs:month:2025-02");
    assertThat(months.get(7).point())
        .isEqualTo(
            new TrackRecord.Point(
                "2025-02", ClaimRule.BEARS_OUT, LocalDate.of(2025, 2, 10), false));
  }

  @Test
  void isoWeeksEndOnSunday() {
    List<TrackRecord.Entry> weeks =
        TrackRecord.weekly(
            "layoffs", ClaimTest.DEFAULT, LocalDate.of(2024, 7, 16), TrackRecordTest::judgement);
    // 2024-07-01 is a Monday: weeks 27, 28 and the open week 29.
    assertThat(weeks)
        .extracting(TrackRecord.Entry::period)
        .containsExactly("2024-W27", "2024-W28", "2024-W29");
    assertThat(weeks)
        .extracting(TrackRecord.Entry::asOf)
        .containsExactly(
            LocalDate.of(2024, 7, 7), LocalDate.of(2024, 7, 14), LocalDate.of(2024, 7, 16));
    assertThat(TrackRecord.week(LocalDate.of(2024, 12, 29))).isEqualTo("2024-W52");
    assertThat(TrackRecord.week(LocalDate.of(2026, 1, 4))).isEqualTo("2026-W01");
  }
}
