package thesiswatch.classifier.analysis;

import java.util.List;

/**
 * The languages theme queries are written in, and the per-article detection of which of them a
 * text contains. Detection is by script: Han characters mean Chinese, Latin letters mean English.
 * A headline such as {@code OpenAI裁员10%} contains both and is indexed into both.
 */
public final class Languages {

  /** Chinese. */
  public static final String ZH = "zh";
  /** English. */
  public static final String EN = "en";
  /** Every language queries may be written in, in file order. */
  public static final List<String> ALL = List.of(ZH, EN);

  private Languages() {}

  /**
   * What a text contains.
   *
   * @param primary the language with more of the text: {@code zh} or {@code en} (also for text
   *     with neither script, which no query will match)
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
