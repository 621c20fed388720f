package thesiswatch.dashboard.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Marks given terms in a text as {@link Segment}s, e.g. the terms a theme matched in a headline.
 */
public final class Highlights {

  private Highlights() {}

  /**
   * {@code text} split into segments, each occurrence of a term (case-insensitive, longest term
   * first where they overlap) flagged as a hit.
   */
  public static List<Segment> mark(String text, List<String> terms) {
    String lower = text.toLowerCase(Locale.ROOT);
    boolean[] hit = new boolean[text.length()];
    List<String> sorted = new ArrayList<>(terms);
    sorted.sort((a, b) -> b.length() - a.length());
    for (String term : sorted) {
      String needle = term.strip().toLowerCase(Locale.ROOT);
      if (needle.isEmpty() || lower.length() != text.length()) {
        continue; // lower-casing changed the length (rare scripts): offsets would not line up
      }
      for (int at = lower.indexOf(needle);
          at >= 0;
          at = lower.indexOf(needle, at + needle.length())) {
        for (int i = at; i < at + needle.length(); i++) {
          hit[i] = true;
        }
      }
    }
    List<Segment> segments = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= text.length(); i++) {
      if (i == text.length() || hit[i] != hit[start]) {
        segments.add(new Segment(text.substring(start, i), hit[start]));
        start = i;
      }
    }
    return segments;
  }
}
