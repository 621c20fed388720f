package thesiswatch.classifier.analysis;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import thesiswatch.common.analysis.ChineseAnalysis;

/** The analyzer of each {@link Fields field}; queries and articles are analysed alike. */
public final class Analyzers {

  /**
   * The English field's stop words: Lucene's English set without {@code no} and {@code not}, so
   * that a stance or denial phrase ("no layoffs", "not cutting jobs") keeps its negation.
   */
  public static final CharArraySet ENGLISH_STOP_WORDS = englishStopWords();

  private Analyzers() {}

  private static CharArraySet englishStopWords() {
    CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.size(), true);
    for (Object word : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
      String text = word instanceof char[] chars ? new String(chars) : String.valueOf(word);
      if (!text.equals("no") && !text.equals("not")) {
        words.add(text);
      }
    }
    return CharArraySet.unmodifiableSet(words);
  }

  /**
   * One analyzer for all fields: the shared Chinese chain ({@link ChineseAnalysis}: Traditional to
   * Simplified by ICU, then SmartCN words) for {@link Fields#ZH}, the same chain's CJK bigrams for
   * {@link Fields#ZH_BIGRAM}, and the English analyzer (stemming, {@link #ENGLISH_STOP_WORDS}) for
   * {@link Fields#EN} and any other field. Analyzers are thread-safe; each caller may keep its own.
   */
  public static Analyzer perField() {
    return new PerFieldAnalyzerWrapper(
        new EnglishAnalyzer(ENGLISH_STOP_WORDS),
        Map.of(Fields.ZH, ChineseAnalysis.words(), Fields.ZH_BIGRAM, ChineseAnalysis.bigrams()));
  }
}
