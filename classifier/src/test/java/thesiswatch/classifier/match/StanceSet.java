package thesiswatch.classifier.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import thesiswatch.common.ThemeMatch;

/**
 * The stance development set: {@code lang<TAB>theme<TAB>stance<TAB>headline}, one theme per
 * headline, its stance {@code supports}, {@code challenges} or {@code neutral} by issue 13's
 * contract (written beside each claim in {@code seeds/themes.yml}).
 */
record StanceSet(List<Line> lines) {

  /** The file, relative to the module. */
  static final Path FILE = Path.of("src/test/resources/devset/stances.tsv");

  /** The stances, in the confusion matrix's order. */
  static final List<String> STANCES =
      List.of(ThemeMatch.SUPPORTS, ThemeMatch.CHALLENGES, ThemeMatch.NEUTRAL);

  /** One labelled headline. */
  record Line(int number, String lang, String theme, String stance, String headline) {}

  static StanceSet load() {
    List<String> raw;
    try {
      raw = Files.readAllLines(FILE, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!raw.get(0).equals("lang\ttheme\tstance\theadline")) {
      throw new IllegalStateException(FILE + ": unexpected header " + raw.get(0));
    }
    List<Line> lines = new ArrayList<>();
    for (int i = 1; i < raw.size(); i++) {
      if (raw.get(i).isBlank()) {
        continue;
      }
      String[] cells = raw.get(i).split("\t", 4);
      if (cells.length != 4 || !STANCES.contains(cells[2].strip())) {
        throw new IllegalStateException(
            FILE + ":" + (i + 1) + ": expected lang, theme, a stance of " + STANCES + ", headline");
      }
      lines.add(
          new Line(i + 1, cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip()));
    }
    return new StanceSet(lines);
  }
}
