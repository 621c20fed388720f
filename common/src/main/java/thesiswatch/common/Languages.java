package thesiswatch.common;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one set of rules for languages: how a declared language tag is normalised (feeds, the feed
 * list, exports, query parameters), and which of the languages theme queries are written in a text
 * contains. Detection is by script: Han characters mean Chinese, Latin letters mean English. A
 * headline such as {@code OpenAI裁员10%} contains both and is indexed into both.
 */
public final class Languages {

  /** Chinese. */
  public static final String ZH = "zh";

  /** English. */
  public static final String EN = "en";

  /** Every language queries may be written in, in file order. */
  public static final List<String> ALL = List.of(ZH, EN);

  /** What the dashboard files an article under when it declares no usable language. */
  public static final String UNDETERMINED = "und";

  /** A primary language subtag: two or three ASCII letters (ISO 639-1 or 639-2/3). */
  private static final Pattern PRIMARY = Pattern.compile("[a-z]{2,3}");

  private Languages() {}

  /**
   * The primary subtag of a language tag, lower case, region and script dropped ({@code zh-CN},
   * {@code zh_Hant_TW}, {@code ZH} → {@code zh}); null when {@code tag} is blank or its first
   * subtag is not two or three letters.
   */
  public static String primary(String tag) {
    if (tag == null || tag.isBlank()) {
      return null;
    }
    String primary = tag.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
    return PRIMARY.matcher(primary).matches() ? primary : null;
  }

  /**
   * The primary subtag of a language given by tag ({@code zh-CN}) or by English name ({@code
   * Chinese}, {@code English}, as GDELT's exports name it); null when it is neither. Names are
   * those of the JDK's locale data.
   */
  public static String ofTagOrName(String tagOrName) {
    String primary = primary(tagOrName);
    if (primary != null || tagOrName == null || tagOrName.isBlank()) {
      return primary;
    }
    String name = tagOrName.strip();
    for (String code : Locale.getISOLanguages()) {
      if (Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH).equalsIgnoreCase(name)) {
        return code;
      }
    }
    return null;
  }

  /** {@link #primary} of {@code tag}, or {@link #UNDETERMINED} when it has none. */
  public static String primaryOrUndetermined(String tag) {
    String primary = primary(tag);
    return primary == null ? UNDETERMINED : primary;
  }

  /**
   * {@code zh} when {@code text} has Han characters, else null: the guess for an undeclared
   * language.
   */
  public static String guess(String text) {
    return detect(text).chinese() ? ZH : null;
  }

  /**
   * What a text contains.
   *
   * @param primary the language with more of the text: {@code zh} or {@code en} (also for text with
   *     neither script, which no query will match)
   * @param chinese whether it has Han characters
   * @param english whether it has Latin letters
   */
  public record Detected(String primary, boolean chinese, boolean english) {

    /** Whether the text has both scripts. */
    public boolean mixed() {
      return chinese && english;
    }
  }

  /**
   * Detects the scripts of {@code text}. A Han character counts one, a run of Latin letters (a
   * word) counts one, so {@code 英伟达发布新GPU} is primarily Chinese.
   */
  public static Detected detect(String text) {
    int han = 0;
    int latinWords = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      Character.UnicodeScript script = Character.UnicodeScript.of(cp);
      boolean latin = script == Character.UnicodeScript.LATIN && Character.isLetter(cp);
      if (script == Character.UnicodeScript.HAN) {
        han++;
      } else if (latin && !inWord) {
        latinWords++;
      }
      inWord = latin;
    }
    return new Detected(han >= latinWords && han > 0 ? ZH : EN, han > 0, latinWords > 0);
  }
}
