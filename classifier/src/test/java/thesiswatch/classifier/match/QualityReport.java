package thesiswatch.classifier.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Precision, recall and F1 per theme, macro-F1 and the false-alarm rate of a labelled run. */
final class QualityReport {

  /** Counts for one theme. */
  static final class Counts {
    int truePositives;
    int falsePositives;
    int falseNegatives;

    double precision() {
      int predicted = truePositives + falsePositives;
      return predicted == 0 ? 1.0 : (double) truePositives / predicted;
    }

    double recall() {
      int actual = truePositives + falseNegatives;
      return actual == 0 ? 1.0 : (double) truePositives / actual;
    }

    double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
  }

  private final List<String> themeIds;
  private final java.util.Map<String, Counts> counts = new java.util.LinkedHashMap<>();
  private final List<String> errors = new ArrayList<>();
  private int noTheme;
  private int falseAlarms;
  private int lines;

  QualityReport(List<String> themeIds) {
    this.themeIds = themeIds;
    themeIds.forEach(id -> counts.put(id, new Counts()));
  }

  void add(DevSet.Line line, Set<String> predicted) {
    lines++;
    for (String id : themeIds) {
      boolean expected = line.themes().contains(id);
      boolean got = predicted.contains(id);
      Counts c = counts.get(id);
      if (expected && got) {
        c.truePositives++;
      } else if (got) {
        c.falsePositives++;
      } else if (expected) {
        c.falseNegatives++;
      }
    }
    if (line.themes().isEmpty()) {
      noTheme++;
      if (!predicted.isEmpty()) {
        falseAlarms++;
      }
    }
    if (!predicted.equals(line.themes())) {
      errors.add(
          String.format(
              "line %d (%s) expected %s got %s: %s",
              line.number(),
              line.lang(),
              line.themes(),
              new TreeSet<>(predicted),
              line.headline()));
    }
  }

  Counts counts(String themeId) {
    return counts.get(themeId);
  }

  double macroF1() {
    return counts.values().stream().mapToDouble(Counts::f1).average().orElse(0);
  }

  double falseAlarmRate() {
    return noTheme == 0 ? 0 : (double) falseAlarms / noTheme;
  }

  List<String> errors() {
    return errors;
  }

  /** The report as a Markdown table. */
  String markdown(String title) {
    StringBuilder out = new StringBuilder();
    out.append("### ").append(title).append("\n\n");
    out.append(
        "| theme | TP | FP | FN | precision | recall | F1 |\n"
            + "|---|---:|---:|---:|---:|---:|---:|\n");
    for (var entry : counts.entrySet()) {
      Counts c = entry.getValue();
      out.append(
          String.format(
              Locale.ROOT,
              "| `%s` | %d | %d | %d | %.3f | %.3f | %.3f |%n",
              entry.getKey(),
              c.truePositives,
              c.falsePositives,
              c.falseNegatives,
              c.precision(),
              c.recall(),
              c.f1()));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%nHeadlines: %d. Macro-F1: **%.3f**. False alarms on no-theme headlines: "
                + "**%d / %d = %.1f%%**.%n",
            lines,
            macroF1(),
            falseAlarms,
            noTheme,
            100 * falseAlarmRate()));
    return out.toString();
  }
}
