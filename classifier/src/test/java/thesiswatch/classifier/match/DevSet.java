package thesiswatch.classifier.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The labelled development set: {@code lang<TAB>themes<TAB>headline}, themes comma-separated or
 * {@code -}.
 */
record DevSet(List<Line> lines) {

  /** The file, relative to the module. */
  static final Path FILE = Path.of("src/test/resources/devset/headlines.tsv");

  /** One labelled headline. */
  record Line(int number, String lang, Set<String> themes, String headline) {}

  static DevSet load() {
    List<String> raw;
    try {
      raw = Files.readAllLines(FILE, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!raw.get(0).equals("lang\tthemes\theadline")) {
      throw new IllegalStateException(FILE + ": unexpected header " + raw.get(0));
    }
    List<Line> lines = new ArrayList<>();
    for (int i = 1; i < raw.size(); i++) {
      if (raw.get(i).isBlank()) {
        continue;
      }
      String[] cells = raw.get(i).split("\t", 3);
      if (cells.length != 3) {
        throw new IllegalStateException(FILE + ":" + (i + 1) + ": expected 3 tab-separated cells");
      }
      Set<String> themes =
          cells[1].strip().equals("-")
              ? Set.of()
              : new TreeSet<>(Arrays.asList(cells[1].strip().split("\\s*,\\s*")));
      lines.add(new Line(i + 1, cells[0].strip(), themes, cells[2].strip()));
    }
    return new DevSet(lines);
  }
}
