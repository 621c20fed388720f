package thesiswatch.classifier.analysis;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import thesiswatch.common.analysis.ChineseAnalysis;
import thesiswatch.common.analysis.EnglishAnalysis;

/** The analyzer of each {@link Fields field}; queries and articles are analysed alike. */
public final class Analyzers {

  private Analyzers() {}

  /**
   * One analyzer for all fields: the shared Chinese chain ({@link ChineseAnalysis}: Traditional to
   * Simplified by ICU, then SmartCN words) for {@link Fields#ZH}, the same chain's CJK bigrams for
   * {@link Fields#ZH_BIGRAM}, and the shared English chain ({@link EnglishAnalysis}: stemming, stop
   * words but for no and not) for {@link Fields#EN} and any other field. Analyzers are thread-safe;
   * each caller may keep its own.
   */
  public static Analyzer perField() {
    return new PerFieldAnalyzerWrapper(
        EnglishAnalysis.analyzer(),
        Map.of(Fields.ZH, ChineseAnalysis.words(), Fields.ZH_BIGRAM, ChineseAnalysis.bigrams()));
  }
}
