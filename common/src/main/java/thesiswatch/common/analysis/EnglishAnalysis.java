package thesiswatch.common.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * The English analyzer of the project, one chain for the classifier's matching and the dashboard's
 * index and search: Lucene's English analysis (lower case, possessives, Porter stemming) with
 * Lucene's English stop words except {@code no} and {@code not}, so that "no layoffs" and "not
 * cutting jobs" keep their negation, whether a stance query or a reader's search asks for it.
 *
 * <p>Full-width letters, digits and punctuation (ＡＩ, ５,０００, common in Chinese outlets' English
 * words) are read as their ASCII forms ({@link CJKWidthCharFilter}, before the tokenizer, so a
 * full-width text is split exactly as its ASCII form and its offsets still point into the
 * original).
 *
 * <p>Analyzers are thread-safe; each caller may keep its own and should close it.
 */
public final class EnglishAnalysis {

  /** Lucene's English stop words without {@code no} and {@code not}. */
  public static final CharArraySet STOP_WORDS = stopWords();

  private EnglishAnalysis() {}

  /** The English chain with {@link #STOP_WORDS}, full width read as ASCII. */
  public static Analyzer analyzer() {
    return ReaderFilteredAnalyzer.of(new EnglishAnalyzer(STOP_WORDS), CJKWidthCharFilter::new);
  }

  private static CharArraySet stopWords() {
    CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.size(), true);
    for (Object word : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
      String text = word instanceof char[] chars ? new String(chars) : String.valueOf(word);
      if (!text.equals("no") && !text.equals("not")) {
        words.add(text);
      }
    }
    return CharArraySet.unmodifiableSet(words);
  }
}
