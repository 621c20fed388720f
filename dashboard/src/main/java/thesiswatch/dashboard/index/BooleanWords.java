package thesiswatch.dashboard.index;

import java.util.List;

/**
 * The words {@code AND}, {@code OR} and {@code NOT} of a search box, in capitals and outside
 * quotes, as the {@code +}, {@code |} and {@code -} that {@link
 * org.apache.lucene.queryparser.simple.SimpleQueryParser} reads. Readers type the words (as in most
 * search engines and Lucene's classic syntax); read as terms, {@code layoffs OR 裁员} asked for
 * articles holding both. In lower case, inside a phrase or escaped they stay words ({@code "not
 * cutting jobs"}, {@code no or not}); a {@code NOT} with nothing after it stays a word too.
 */
final class BooleanWords {

  private static final List<String> WORDS = List.of("AND", "OR", "NOT");

  private BooleanWords() {}

  /** {@code text} with its operator words as operator characters. */
  static String toOperators(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean quoted = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        out.append(c).append(text.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && startsWord(text, i)) {
        String word = operatorAt(text, i);
        if (word != null && !word.equals("NOT")) {
          out.append(word.equals("AND") ? '+' : '|');
          i += word.length();
          continue;
        }
        int next = word == null ? text.length() : skipWhitespace(text, i + word.length());
        if (next < text.length()) {
          // The minus attaches to what follows: "NOT AI" is "-AI".
          out.append('-');
          i = next;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static boolean startsWord(String text, int i) {
    return i == 0 || Character.isWhitespace(text.charAt(i - 1)) || text.charAt(i - 1) == '(';
  }

  /** The operator word starting at {@code i} and followed by a space or the end, or null. */
  private static String operatorAt(String text, int i) {
    for (String word : WORDS) {
      int end = i + word.length();
      if (text.startsWith(word, i)
          && (end == text.length() || Character.isWhitespace(text.charAt(end)))) {
        return word;
      }
    }
    return null;
  }

  private static int skipWhitespace(String text, int i) {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
