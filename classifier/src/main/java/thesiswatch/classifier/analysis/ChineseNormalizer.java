package thesiswatch.classifier.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Rewrites Traditional Chinese to Simplified before analysis, so that 裁員 matches the query 裁员.
 * Every mapping keeps the text's length, so an offset in the normalised text is the same offset in
 * the original and highlights can be cut from what the user wrote.
 *
 * <p>The table ({@code traditional-simplified.txt}) covers the common characters of business,
 * technology and labour news plus a few Taiwan/Hong Kong words (晶片 → 芯片); no library with a full
 * table is pinned in the build.
 */
public final class ChineseNormalizer {

  private static final String TABLE = "traditional-simplified.txt";
  private static final ChineseNormalizer STANDARD = load();

  /** Han characters start here; text without any needs no word rewriting. */
  private static final char FIRST_HAN = '\u3400';

  /** Simplified form per UTF-16 unit, 0 where the unit is kept: one array read per character. */
  private final char[] simplified = new char[Character.MAX_VALUE + 1];

  private final Map<String, String> words;

  private ChineseNormalizer(Map<Character, Character> characters, Map<String, String> words) {
    characters.forEach((from, to) -> simplified[from] = to);
    this.words = words;
  }

  /** The normaliser with the bundled table. */
  public static ChineseNormalizer standard() {
    return STANDARD;
  }

  /** {@code text} in Simplified characters, with exactly the same length. */
  public String normalize(String text) {
    char[] chars = null;
    boolean han = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      han |= c >= FIRST_HAN;
      char to = simplified[c];
      if (to != 0) {
        if (chars == null) {
          chars = text.toCharArray();
        }
        chars[i] = to;
      }
    }
    String result = chars != null ? new String(chars) : text;
    if (!han) {
      return result;
    }
    for (Map.Entry<String, String> word : words.entrySet()) {
      result = result.replace(word.getKey(), word.getValue());
    }
    return result;
  }

  private static ChineseNormalizer load() {
    Map<Character, Character> characters = new LinkedHashMap<>();
    Map<String, String> words = new LinkedHashMap<>();
    try (InputStream in =
            Objects.requireNonNull(
                ChineseNormalizer.class.getResourceAsStream(TABLE), "missing resource " + TABLE);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        for (String token : line.strip().split("\\s+")) {
          readToken(token, characters, words);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + TABLE, e);
    }
    // Longer words first, so that 外送员 is rewritten before 外送.
    Map<String, String> ordered = new LinkedHashMap<>();
    words.entrySet().stream()
        .sorted(
            Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length())
                .reversed())
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return new ChineseNormalizer(characters, ordered);
  }

  private static void readToken(
      String token, Map<Character, Character> characters, Map<String, String> words) {
    int arrow = token.indexOf('>');
    if (arrow > 0) {
      String from = token.substring(0, arrow);
      String to = token.substring(arrow + 1);
      if (from.length() != to.length()) {
        throw new IllegalStateException(TABLE + ": '" + token + "' changes the text's length");
      }
      words.put(from, to);
    } else if (token.length() == 2) {
      if (token.charAt(0) != token.charAt(1)) {
        characters.put(token.charAt(0), token.charAt(1));
      }
    } else {
      throw new IllegalStateException(TABLE + ": '" + token + "' is not a character pair");
    }
  }
}
