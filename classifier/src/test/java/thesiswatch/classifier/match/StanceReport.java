package thesiswatch.classifier.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stance confusion matrix of a labelled run and its balanced accuracy: the mean, over supports,
 * challenges and neutral, of the share of each true stance found. A headline whose theme was not
 * tagged at all counts in the {@code untagged} column, as an error.
 */
final class StanceReport {

  /** The column of a headline whose labelled theme was not found. */
  static final String UNTAGGED = "untagged";

  private static final List<String> COLUMNS = columns();

  private final int[][] counts = new int[StanceSet.STANCES.size()][COLUMNS.size()];
  private final List<String> errors = new ArrayList<>();

  private static List<String> columns() {
    List<String> columns = new ArrayList<>(StanceSet.STANCES);
    columns.add(UNTAGGED);
    return List.copyOf(columns);
  }

  /** Counts one headline; {@code predicted} is null when its theme was not tagged. */
  void add(StanceSet.Line line, String predicted, String why) {
    String column = predicted == null ? UNTAGGED : predicted;
    counts[StanceSet.STANCES.indexOf(line.stance())][COLUMNS.indexOf(column)]++;
    if (!column.equals(line.stance())) {
      errors.add(
          String.format(
              "line %d (%s, %s) expected %s got %s (%s): %s",
              line.number(),
              line.lang(),
              line.theme(),
              line.stance(),
              column,
              why,
              line.headline()));
    }
  }

  /** How many labelled headlines were counted. */
  int pairs() {
    int pairs = 0;
    for (int[] row : counts) {
      for (int count : row) {
        pairs += count;
      }
    }
    return pairs;
  }

  /** The mean per-stance recall. */
  double balancedAccuracy() {
    double sum = 0;
    int classes = 0;
    for (int row = 0; row < counts.length; row++) {
      int total = 0;
      for (int count : counts[row]) {
        total += count;
      }
      if (total > 0) {
        sum += (double) counts[row][row] / total;
        classes++;
      }
    }
    return classes == 0 ? 0 : sum / classes;
  }

  List<String> errors() {
    return errors;
  }

  /** The confusion matrix as a Markdown table, true stances as rows. */
  String markdown(String title) {
    StringBuilder out = new StringBuilder();
    out.append("### ").append(title).append("\n\n| true \\ predicted |");
    COLUMNS.forEach(c -> out.append(' ').append(c).append(" |"));
    out.append(" recall |\n|---|");
    COLUMNS.forEach(c -> out.append("---:|"));
    out.append("---:|\n");
    for (int row = 0; row < counts.length; row++) {
      out.append("| ").append(StanceSet.STANCES.get(row)).append(" |");
      int total = 0;
      for (int count : counts[row]) {
        out.append(' ').append(count).append(" |");
        total += count;
      }
      out.append(
          String.format(
              Locale.ROOT, " %.3f |%n", total == 0 ? 0 : (double) counts[row][row] / total));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%nBalanced accuracy over supports / challenges / neutral: **%.3f**.%n",
            balancedAccuracy()));
    return out.toString();
  }
}
