package thesiswatch.classifier.match;

import java.util.ArrayList;
import java.util.List;

/**
 * Marks matched terms in a headline: «term». The title is the snippet when a term is in it,
 * otherwise a window of the summary around the first term.
 */
final class Snippets {

  /** Opening mark around a matched term: not HTML, so it is safe to show anywhere. */
  static final String OPEN = "«";

  /** Closing mark around a matched term. */
  static final String CLOSE = "»";

  /** Characters of summary shown on either side of its first matched term. */
  static final int CONTEXT = 60;

  private Snippets() {}

  /**
   * The snippet for {@code spans} (sorted by start) of {@code headline.text()}, or null without
   * spans.
   */
  static String highlight(Headline headline, List<ThemeMatcher.Span> spans) {
    if (spans.isEmpty()) {
      return null;
    }
    List<ThemeMatcher.Span> merged = merge(spans);
    String text = headline.text();
    int titleEnd = headline.title().length();
    if (merged.get(0).start() < titleEnd) {
      return mark(text, merged, 0, titleEnd);
    }
    int from = Math.max(titleEnd + 1, merged.get(0).start() - CONTEXT);
    int to = Math.min(text.length(), merged.get(0).end() + CONTEXT);
    String body = mark(text, merged, from, to);
    return (from > titleEnd + 1 ? "…" : "") + body + (to < text.length() ? "…" : "");
  }

  private static String mark(String text, List<ThemeMatcher.Span> spans, int from, int to) {
    StringBuilder out = new StringBuilder();
    int at = from;
    for (ThemeMatcher.Span span : spans) {
      if (span.end() <= from || span.start() >= to) {
        continue;
      }
      int start = Math.max(span.start(), from);
      int end = Math.min(span.end(), to);
      out.append(text, at, start).append(OPEN).append(text, start, end).append(CLOSE);
      at = end;
    }
    return out.append(text, at, to).toString();
  }

  private static List<ThemeMatcher.Span> merge(List<ThemeMatcher.Span> spans) {
    List<ThemeMatcher.Span> merged = new ArrayList<>();
    for (ThemeMatcher.Span span : spans) {
      ThemeMatcher.Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && span.start() <= last.end()) {
        merged.set(
            merged.size() - 1,
            new ThemeMatcher.Span(last.start(), Math.max(last.end(), span.end())));
      } else {
        merged.add(span);
      }
    }
    return merged;
  }
}
