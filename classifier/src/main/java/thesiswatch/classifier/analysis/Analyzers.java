package thesiswatch.classifier.analysis;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;

/** The analyzer of each {@link Fields field}; queries and articles are analysed alike. */
public final class Analyzers {

  private Analyzers() {}

  /**
   * One analyzer for all fields: SmartCN for {@link Fields#ZH}, CJK bigrams for {@link
   * Fields#ZH_BIGRAM}, and the English analyzer (stemming, stop words) for {@link Fields#EN} and
   * any other field. Analyzers are thread-safe; each caller may keep its own.
   */
  public static Analyzer perField() {
    return new PerFieldAnalyzerWrapper(
        new EnglishAnalyzer(),
        Map.of(
            Fields.ZH, new SmartChineseAnalyzer(),
            // No stop words: 的 or "AI" inside a term must still be part of the phrase.
            Fields.ZH_BIGRAM, new CJKAnalyzer(CharArraySet.EMPTY_SET)));
  }
}
