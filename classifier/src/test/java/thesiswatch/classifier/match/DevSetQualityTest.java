package thesiswatch.classifier.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import thesiswatch.classifier.SharedMatcher;
import thesiswatch.classifier.themes.ThemeDefinition;

/**
 * The classifier's quality on the labelled development set, with the shipped themes file: the
 * report (precision, recall and F1 per theme, macro-F1, false alarms on no-theme headlines) is
 * printed and written to {@code target/classifier-quality.md}; the targets of issue 4 are asserted.
 * The stance confusion matrices and balanced accuracies (issue 13) — of the stance set, of the
 * topic set's theme-stance pairs at first sight, and of both — go to {@code
 * target/stance-quality.md}.
 */
class DevSetQualityTest {

  static final Path THEMES = Path.of("../seeds/themes.yml");
  static final double MIN_MACRO_F1 = 0.90;
  static final double MAX_FALSE_ALARMS = 0.05;
  static final double MIN_STANCE_BALANCED_ACCURACY = 0.85;

  @RegisterExtension static final SharedMatcher matcher = new SharedMatcher(THEMES);

  @Test
  void meetsTheTargetsOnTheDevelopmentSet() throws IOException {
    DevSet devSet = DevSet.load();
    List<String> ids = matcher.get().themes().themes().stream().map(ThemeDefinition::id).toList();
    QualityReport all = new QualityReport(ids);
    QualityReport zh = new QualityReport(ids);
    QualityReport en = new QualityReport(ids);
    List<Classification> results =
        matcher.classifyAll(
            devSet.lines().stream().map(l -> new Headline(l.headline(), "")).toList());
    for (int i = 0; i < results.size(); i++) {
      DevSet.Line line = devSet.lines().get(i);
      Set<String> predicted = new HashSet<>();
      results.get(i).themes().forEach(m -> predicted.add(m.id()));
      all.add(line, predicted);
      (line.lang().equals("zh") ? zh : en).add(line, predicted);
    }
    String report =
        all.markdown("All " + devSet.lines().size() + " headlines")
            + "\n"
            + zh.markdown("Chinese")
            + "\n"
            + en.markdown("English")
            + "\n### Misclassified\n\n"
            + String.join("\n", all.errors().stream().map(e -> "- " + e).toList())
            + "\n";
    System.out.println(report);
    Files.writeString(Path.of("target/classifier-quality.md"), report, StandardCharsets.UTF_8);
    assertThat(all.macroF1()).as("macro-F1").isGreaterThanOrEqualTo(MIN_MACRO_F1);
    assertThat(all.falseAlarmRate()).as("false-alarm rate").isLessThanOrEqualTo(MAX_FALSE_ALARMS);
  }

  @Test
  void stanceMeetsTheTargetOnTheStanceSet() throws IOException {
    List<StanceSet.Line> stanceSet = StanceSet.load().lines();
    List<StanceSet.Line> devSetPairs = DevSet.load().stancePairs();
    List<StanceSet.Line> union = new ArrayList<>(stanceSet);
    union.addAll(devSetPairs);
    Stances tuned = measure(stanceSet);
    Stances firstSight = measure(devSetPairs);
    Stances both = measure(union);
    String report =
        tuned.markdown("the stance set, " + stanceSet.size() + " headlines")
            + "\n"
            + firstSight.markdown(
                "first sight: the dev set's " + devSetPairs.size() + " theme-stance pairs")
            + "\n"
            + both.markdown("both files, " + union.size() + " pairs")
            + "\n### Wrong stances, stance set\n\n"
            + String.join("\n", tuned.all().errors().stream().map(e -> "- " + e).toList())
            + "\n\n### Wrong stances, dev set (first sight)\n\n"
            + String.join("\n", firstSight.all().errors().stream().map(e -> "- " + e).toList())
            + "\n";
    System.out.println(report);
    Files.writeString(Path.of("target/stance-quality.md"), report, StandardCharsets.UTF_8);
    assertThat(tuned.all().balancedAccuracy())
        .as("stance balanced accuracy on the stance set")
        .isGreaterThanOrEqualTo(MIN_STANCE_BALANCED_ACCURACY);
    // The dev set's stances were labelled blind and no stance query was tuned on them: the 0.85
    // target is not asserted there, only that the rule does better than a guess among three.
    assertThat(firstSight.all().pairs()).isEqualTo(devSetPairs.size());
    assertThat(firstSight.all().balancedAccuracy())
        .as("first-sight stance balanced accuracy on the dev set")
        .isGreaterThan(1.0 / 3);
  }

  /** One run's stance reports: all lines, and the Chinese and English ones apart. */
  private record Stances(StanceReport all, StanceReport zh, StanceReport en) {
    String markdown(String what) {
      return all.markdown("Stance, " + what)
          + "\n"
          + zh.markdown("Stance, Chinese")
          + "\n"
          + en.markdown("Stance, English");
    }
  }

  /** Classifies each labelled headline and counts the stance given to its labelled theme. */
  private static Stances measure(List<StanceSet.Line> lines) {
    Stances stances = new Stances(new StanceReport(), new StanceReport(), new StanceReport());
    List<Classification> results =
        matcher.classifyAll(lines.stream().map(l -> new Headline(l.headline(), "")).toList());
    for (int i = 0; i < results.size(); i++) {
      StanceSet.Line line = lines.get(i);
      ThemeHit hit =
          results.get(i).hits().stream()
              .filter(h -> h.match().id().equals(line.theme()))
              .findFirst()
              .orElse(null);
      String predicted = hit == null ? null : hit.match().stance();
      String why = hit == null ? "-" : hit.stanceBy();
      stances.all().add(line, predicted, why);
      (line.lang().equals("zh") ? stances.zh() : stances.en()).add(line, predicted, why);
    }
    return stances;
  }
}
