package thesiswatch.dashboard.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import thesiswatch.common.Json;
import thesiswatch.common.Topics;
import thesiswatch.dashboard.score.ClaimRule;
import thesiswatch.dashboard.score.Scorecard;
import thesiswatch.dashboard.score.TrackRecord;
import thesiswatch.testkit.KafkaBroker;

/**
 * The track record on {@code claim-verdicts}: append-only, once per result, never silently
 * rewritten.
 */
class ClaimVerdictLogIT {

  @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();

  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-04-02T00:00:00Z"), ZoneOffset.UTC);

  static TrackRecord.Entry entry(String period, boolean closed, String verdict, long supporting) {
    Scorecard.Judgement judgement =
        new Scorecard.Judgement(
            verdict,
            Map.of("en", "because", "zh", "因为"),
            Map.of(),
            List.of(),
            supporting,
            3,
            1,
            supporting + 4,
            1000);
    return new TrackRecord.Entry(
        "layoffs", TrackRecord.MONTH, period, LocalDate.parse(period + "-28"), closed, judgement);
  }

  private static List<ClaimVerdictLog.Verdict> records(String topic) {
    return kafka.readCommitted(topic).stream()
        .map(ConsumerRecord::value)
        .map(value -> Json.read(value, ClaimVerdictLog.Verdict.class))
        .toList();
  }

  @Test
  void closedPeriodsAreRecordedOnceAndAChangeIsANewRecordThatSaysWhy() {
    Topics topics = kafka.freshTopics();
    Map<String, String> methods = Map.of("layoffs", "m1");
    List<TrackRecord.Entry> entries =
        List.of(
            entry("2025-02", true, ClaimRule.TOO_EARLY, 10),
            entry("2025-03", true, ClaimRule.BEARS_OUT, 40),
            entry("2025-04", false, ClaimRule.BEARS_OUT, 41));
    try (ClaimVerdictLog log =
        new ClaimVerdictLog(kafka.bootstrapServers(), topics.claimVerdicts(), CLOCK)) {
      assertThat(log.append(entries, "v1", methods)).isEqualTo(2);
      assertThat(log.append(entries, "v1", methods)).isZero();
      // Another theme set that changes nothing for this claim: nothing to record.
      assertThat(log.append(entries, "v2", methods)).isZero();
    }
    // A rebuilt dashboard reads the topic first: the same results are not recorded again.
    try (ClaimVerdictLog rebuilt =
        new ClaimVerdictLog(kafka.bootstrapServers(), topics.claimVerdicts(), CLOCK)) {
      assertThat(rebuilt.append(entries, "v1", methods)).isZero();
      List<TrackRecord.Entry> recomputed =
          List.of(
              entry("2025-02", true, ClaimRule.TOO_EARLY, 10),
              entry("2025-03", true, ClaimRule.CONTESTED, 40));
      assertThat(rebuilt.append(recomputed, "v2", methods)).isEqualTo(1);
      // A changed pre-registered test re-decides every period, each with a record that says so.
      assertThat(rebuilt.append(recomputed, "v2", Map.of("layoffs", "m2"))).isEqualTo(2);
    }
    List<ClaimVerdictLog.Verdict> records = records(topics.claimVerdicts());
    assertThat(records)
        .extracting(ClaimVerdictLog.Verdict::key)
        .containsExactly(
            "layoffs:month:2025-02",
            "layoffs:month:2025-03",
            "layoffs:month:2025-03",
            "layoffs:month:2025-02",
            "layoffs:month:2025-03");
    assertThat(records.get(3).reason())
        .isEqualTo("the claim's pre-registered test changed (m1 → m2)");
    ClaimVerdictLog.Verdict change = records.get(2);
    assertThat(change.verdict()).isEqualTo(ClaimRule.CONTESTED);
    assertThat(change.previous()).isEqualTo(ClaimRule.BEARS_OUT);
    assertThat(change.reason()).isEqualTo("recomputed under theme set v2 (was v1)");
    assertThat(records.get(0).reason()).isEqualTo("first verdict of the period");
    assertThat(records.get(0).why()).containsEntry("en", "because");
  }
}
