package thesiswatch.common.analysis;

import com.ibm.icu.text.Transliterator;
import com.ibm.icu.text.UnicodeSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ICU's {@code Traditional-Simplified} transform, compiled once into lookup tables: 裁員 → 裁员, 餘地 →
 * 余地 (a word rule) but 著作 stays 著作 while 著 alone becomes 着. Then a few regional words that are not
 * a matter of script (晶片 → 芯片, 軟體 → 软件; {@link #REGIONAL_WORDS}).
 *
 * <p>Why compiled rather than run: ICU's rule-based transliterator took 34 µs per headline here
 * (3,950 rules, measured with ICU4J 74.2), more than twice the rest of a headline's matching; the
 * tables give the same output (TraditionalToSimplifiedTest checks it against the transliterator)
 * for an array read per character. The tables hold exactly what the transform does: each character
 * of its source set converted alone, and each word rule of its rule text converted whole (a word
 * rule wins over its characters, the longest first, as ICU's rule order has it).
 *
 * <p>Every mapping of ICU's table keeps the text's length, so offsets in the converted text are
 * offsets in the original; {@link #convert(CharSequence, Corrections)} still reports where they
 * would differ, should a later table map a character to two.
 */
public final class TraditionalToSimplified {

  /** The ICU transform's id. */
  public static final String TRANSFORM = "Traditional-Simplified";

  /**
   * Taiwan and Hong Kong words for what mainland text calls otherwise, applied after the transform
   * (so written in Simplified characters): the themes are written in mainland Chinese. Each keeps
   * its length.
   */
  static final Map<String, String> REGIONAL_WORDS =
      Map.of(
          "晶片", "芯片",
          "人工智慧", "人工智能",
          "资料中心", "数据中心",
          "外送员", "外卖员",
          "外送", "外卖",
          "网路", "网络",
          "软体", "软件",
          "新创", "初创");

  private static final TraditionalToSimplified STANDARD = fromIcu();

  /** Where offsets of the converted text differ from the original's; see {@link #convert}. */
  @FunctionalInterface
  public interface Corrections {
    /**
     * From converted offset {@code offset} on, the original offset is {@code offset +
     * cumulativeDiff} (the convention of Lucene's {@code BaseCharFilter#addOffCorrectMap}).
     */
    void add(int offset, int cumulativeDiff);
  }

  /** The converted form per UTF-16 unit, 0 where the unit is kept. */
  private final char[] characters = new char[Character.MAX_VALUE + 1];

  /** Characters that map to anything but one other BMP character (none in ICU 74's table). */
  private final Map<Character, String> otherCharacters = new HashMap<>();

  /** Words of the transform, by first character, longest first. */
  private final Map<Character, List<String[]>> words = new HashMap<>();

  private final boolean[] startsWord = new boolean[Character.MAX_VALUE + 1];

  /** Regional words, by first character, longest first; all keep their length. */
  private final Map<Character, List<String[]>> regional = new HashMap<>();

  private final boolean[] startsRegional = new boolean[Character.MAX_VALUE + 1];

  /** Whether every mapping keeps the text's length, so offsets need no correction. */
  private final boolean keepsLength;

  private final Map<Character, String> characterMap;
  private final Map<String, String> wordMap;

  TraditionalToSimplified(
      Map<Character, String> characterMap,
      Map<String, String> wordMap,
      Map<String, String> regionalWords) {
    this.characterMap = Map.copyOf(characterMap);
    this.wordMap = Map.copyOf(wordMap);
    characterMap.forEach(
        (from, to) -> {
          if (to.length() == 1) {
            characters[from] = to.charAt(0);
          } else {
            otherCharacters.put(from, to);
          }
        });
    index(wordMap, words, startsWord);
    this.keepsLength =
        otherCharacters.isEmpty()
            && wordMap.entrySet().stream()
                .allMatch(w -> w.getKey().length() == w.getValue().length());
    regionalWords.forEach(
        (from, to) -> {
          if (from.length() != to.length()) {
            throw new IllegalArgumentException(
                "regional word " + from + " > " + to + " changes the text's length");
          }
        });
    index(regionalWords, regional, startsRegional);
  }

  /**
   * Converts {@code text[0, length)} in place when every mapping keeps its length (ICU's table
   * does); returns false, leaving {@code text} untouched, when the tables hold one that does not,
   * and {@link #convert(CharSequence, Corrections)} must be used.
   */
  boolean convertInPlace(char[] text, int length) {
    if (!keepsLength) {
      return false;
    }
    for (int i = 0; i < length; ) {
      char c = text[i];
      if (startsWord[c]) {
        String[] word = wordAt(words.get(c), text, length, i);
        if (word != null) {
          word[1].getChars(0, word[1].length(), text, i);
          i += word[1].length();
          continue;
        }
      }
      char to = characters[c];
      if (to != 0) {
        text[i] = to;
      }
      i++;
    }
    for (int i = 0; i < length; i++) {
      char c = text[i];
      if (startsRegional[c]) {
        String[] word = wordAt(regional.get(c), text, length, i);
        if (word != null) {
          word[1].getChars(0, word[1].length(), text, i);
          i += word[0].length() - 1;
        }
      }
    }
    return true;
  }

  private static String[] wordAt(List<String[]> candidates, char[] text, int length, int at) {
    for (String[] word : candidates) {
      String from = word[0];
      if (at + from.length() <= length) {
        boolean same = true;
        for (int j = 0; j < from.length() && same; j++) {
          same = text[at + j] == from.charAt(j);
        }
        if (same) {
          return word;
        }
      }
    }
    return null;
  }

  /** These tables without the regional words: ICU's transform alone (for tests). */
  TraditionalToSimplified withoutRegionalWords() {
    return new TraditionalToSimplified(characterMap, wordMap, Map.of());
  }

  /** The compiled ICU transform with the {@link #REGIONAL_WORDS}. Thread-safe. */
  public static TraditionalToSimplified standard() {
    return STANDARD;
  }

  /** {@code text} in Simplified characters. */
  public String convert(CharSequence text) {
    return convert(text, (offset, diff) -> {});
  }

  /**
   * {@code text} in Simplified characters, telling {@code corrections} where an offset of the
   * result is not the same offset of {@code text}.
   */
  public String convert(CharSequence text, Corrections corrections) {
    int length = text.length();
    StringBuilder out = null;
    int diff = 0;
    for (int i = 0; i < length; ) {
      char c = text.charAt(i);
      String[] word = startsWord[c] ? wordAt(words.get(c), text, i) : null;
      String to;
      int from;
      if (word != null) {
        to = word[1];
        from = word[0].length();
      } else if (characters[c] != 0) {
        to = null;
        from = 1;
      } else {
        to = otherCharacters.get(c);
        from = 1;
        if (to == null) {
          if (out != null) {
            out.append(c);
          }
          i++;
          continue;
        }
      }
      if (out == null) {
        out = new StringBuilder(length + 8).append(text, 0, i);
      }
      int start = out.length();
      if (to == null) {
        out.append(characters[c]);
      } else {
        out.append(to);
      }
      diff = correct(corrections, start, from, out.length() - start, diff);
      i += from;
    }
    String converted = out == null ? text.toString() : out.toString();
    return regionalWords(converted);
  }

  /** Records the offset corrections of a replacement of {@code from} chars by {@code to} chars. */
  private static int correct(Corrections corrections, int start, int from, int to, int diff) {
    if (to < from) {
      // Shorter: the end of the replacement is the end of what it replaced.
      diff += from - to;
      corrections.add(start + to, diff);
    } else if (to > from) {
      // Longer: the extra characters all end where what they replaced ended.
      for (int k = 1; k <= to - from; k++) {
        corrections.add(start + from + k, diff - k);
      }
      diff -= to - from;
    }
    return diff;
  }

  private String regionalWords(String text) {
    char[] chars = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (startsRegional[c]) {
        String[] word = wordAt(regional.get(c), text, i);
        if (word != null) {
          if (chars == null) {
            chars = text.toCharArray();
          }
          word[1].getChars(0, word[1].length(), chars, i);
          i += word[0].length() - 1;
        }
      }
    }
    return chars == null ? text : new String(chars);
  }

  private static String[] wordAt(List<String[]> candidates, CharSequence text, int at) {
    for (String[] word : candidates) {
      String from = word[0];
      if (at + from.length() <= text.length() && regionMatches(text, at, from)) {
        return word;
      }
    }
    return null;
  }

  private static boolean regionMatches(CharSequence text, int at, String word) {
    for (int j = 0; j < word.length(); j++) {
      if (text.charAt(at + j) != word.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  private static void index(
      Map<String, String> wordMap, Map<Character, List<String[]>> byFirst, boolean[] starts) {
    wordMap.forEach(
        (from, to) -> {
          byFirst
              .computeIfAbsent(from.charAt(0), c -> new ArrayList<>())
              .add(new String[] {from, to});
          starts[from.charAt(0)] = true;
        });
    byFirst
        .values()
        .forEach(
            list -> list.sort(Comparator.comparingInt((String[] w) -> w[0].length()).reversed()));
  }

  /**
   * Reads ICU's transform: every character of its source set converted alone, and every word rule
   * ({@code 餘地 > 余地;}) of its rule text converted whole by the transform itself.
   */
  static TraditionalToSimplified fromIcu() {
    Transliterator transform = Transliterator.getInstance(TRANSFORM);
    Map<Character, String> characterMap = new HashMap<>();
    UnicodeSet source = transform.getSourceSet();
    for (String s : source) {
      if (s.length() != 1) {
        // A supplementary character: the transform's table has none; kept as it is.
        continue;
      }
      String to = transform.transliterate(s);
      if (!to.equals(s)) {
        characterMap.put(s.charAt(0), to);
      }
    }
    Map<String, String> wordMap = new HashMap<>();
    for (String word : wordRules(transform.toRules(false))) {
      // All of them, even those converted as their characters would be: a longer word must not
      // lose to a shorter one inside it.
      wordMap.put(word, transform.transliterate(word));
    }
    return new TraditionalToSimplified(characterMap, wordMap, REGIONAL_WORDS);
  }

  /** The left-hand sides of more than one character of rules written {@code from > to;}. */
  static List<String> wordRules(String rules) {
    List<String> result = new ArrayList<>();
    for (String line : rules.split("\n")) {
      int arrow = line.indexOf('>');
      if (arrow < 0) {
        continue;
      }
      String from = line.substring(0, arrow).strip();
      if (from.length() > 1 && from.codePoints().allMatch(Character::isIdeographic)) {
        result.add(from);
      }
    }
    return result;
  }
}
