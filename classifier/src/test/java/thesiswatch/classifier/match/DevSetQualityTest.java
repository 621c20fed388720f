package thesiswatch.classifier.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import thesiswatch.classifier.themes.ThemeDefinition;
import thesiswatch.classifier.themes.ThemeSet;

/**
 * The classifier's quality on the labelled development set, with the shipped themes file: the
 * report (precision, recall and F1 per theme, macro-F1, false alarms on no-theme headlines) is
 * printed and written to {@code target/classifier-quality.md}; the targets of issue 4 are asserted.
 * The stance set's confusion matrix and balanced accuracy (issue 13) go to {@code
 * target/stance-quality.md}.
 */
class DevSetQualityTest {

  static final Path THEMES = Path.of("../seeds/themes.yml");
  static final double MIN_MACRO_F1 = 0.90;
  static final double MAX_FALSE_ALARMS = 0.05;
  static final double MIN_STANCE_BALANCED_ACCURACY = 0.85;

  static ThemeMatcher matcher;

  @BeforeAll
  static void load() {
    matcher = ThemeMatcher.of(ThemeSet.load(THEMES));
  }

  @AfterAll
  static void close() {
    matcher.close();
  }

  @Test
  void meetsTheTargetsOnTheDevelopmentSet() throws IOException {
    DevSet devSet = DevSet.load();
    List<String> ids = matcher.themes().themes().stream().map(ThemeDefinition::id).toList();
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
    StanceSet stances = StanceSet.load();
    StanceReport all = new StanceReport();
    StanceReport zh = new StanceReport();
    StanceReport en = new StanceReport();
    List<Classification> results =
        matcher.classifyAll(
            stances.lines().stream().map(l -> new Headline(l.headline(), "")).toList());
    for (int i = 0; i < results.size(); i++) {
      StanceSet.Line line = stances.lines().get(i);
      ThemeHit hit =
          results.get(i).hits().stream()
              .filter(h -> h.match().id().equals(line.theme()))
              .findFirst()
              .orElse(null);
      String predicted = hit == null ? null : hit.match().stance();
      String why = hit == null ? "-" : hit.stanceBy();
      all.add(line, predicted, why);
      (line.lang().equals("zh") ? zh : en).add(line, predicted, why);
    }
    String report =
        all.markdown("Stance, all " + stances.lines().size() + " headlines")
            + "\n"
            + zh.markdown("Stance, Chinese")
            + "\n"
            + en.markdown("Stance, English")
            + "\n### Wrong stances\n\n"
            + String.join("\n", all.errors().stream().map(e -> "- " + e).toList())
            + "\n";
    System.out.println(report);
    Files.writeString(Path.of("target/stance-quality.md"), report, StandardCharsets.UTF_8);
    assertThat(all.balancedAccuracy())
        .as("stance balanced accuracy")
        .isGreaterThanOrEqualTo(MIN_STANCE_BALANCED_ACCURACY);
  }
}
