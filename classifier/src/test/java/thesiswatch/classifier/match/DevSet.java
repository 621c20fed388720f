package thesiswatch.classifier.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The labelled development set: {@code lang<TAB>themes<TAB>stances<TAB>headline}, themes
 * comma-separated or {@code -}; stances one {@code theme:stance} per theme, in the same order, or
 * {@code -} for a headline of no theme.
 */
record DevSet(List<Line> lines) {

  /** The file, relative to the module. */
  static final Path FILE = Path.of("src/test/resources/devset/headlines.tsv");

  /** One labelled headline; {@code stances} maps each of its themes to its stance. */
  record Line(
      int number, String lang, Set<String> themes, Map<String, String> stances, String headline) {}

  /** Every (theme, stance) pair of the set, one line each, as the stance set's lines. */
  List<StanceSet.Line> stancePairs() {
    List<StanceSet.Line> pairs = new ArrayList<>();
    for (Line line : lines) {
      line.stances()
          .forEach(
              (theme, stance) ->
                  pairs.add(
                      new StanceSet.Line(
                          line.number(), line.lang(), theme, stance, line.headline())));
    }
    return pairs;
  }

  static DevSet load() {
    List<String> raw;
    try {
      raw = Files.readAllLines(FILE, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!raw.get(0).equals("lang\tthemes\tstances\theadline")) {
      throw new IllegalStateException(FILE + ": unexpected header " + raw.get(0));
    }
    List<Line> lines = new ArrayList<>();
    for (int i = 1; i < raw.size(); i++) {
      if (raw.get(i).isBlank()) {
        continue;
      }
      String where = FILE + ":" + (i + 1) + ": ";
      String[] cells = raw.get(i).split("\t", 4);
      if (cells.length != 4) {
        throw new IllegalStateException(where + "expected 4 tab-separated cells");
      }
      Set<String> themes = ids(cells[1]);
      Map<String, String> stances = new LinkedHashMap<>();
      for (String pair : ids(cells[2])) {
        String[] parts = pair.split(":", 2);
        if (parts.length != 2 || !StanceSet.STANCES.contains(parts[1])) {
          throw new IllegalStateException(
              where + "a stance is theme:" + StanceSet.STANCES + ", not '" + pair + "'");
        }
        stances.put(parts[0], parts[1]);
      }
      if (!stances.keySet().equals(themes)) {
        throw new IllegalStateException(
            where + "one stance per theme: themes " + themes + ", stances " + stances.keySet());
      }
      lines.add(new Line(i + 1, cells[0].strip(), themes, stances, cells[3].strip()));
    }
    return new DevSet(lines);
  }

  /** A comma-separated cell as a set, {@code -} as none. */
  private static Set<String> ids(String cell) {
    return cell.strip().equals("-")
        ? Set.of()
        : new TreeSet<>(Arrays.asList(cell.strip().split("\\s*,\\s*")));
  }
}
