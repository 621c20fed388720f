package thesiswatch.common.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;

/**
 * The Chinese analyzers of the project, one chain for the classifier's matching and the dashboard's
 * index and search: {@link SimplifiedChineseCharFilter} (Traditional to Simplified by ICU's
 * transform) before the tokenizer, then SmartCN words ({@link #words()}) or CJK bigrams ({@link
 * #bigrams()}). Queries are analysed by the same chains, so 裁員 and 裁员 are one term on both sides;
 * prefix queries go through the conversion too ({@link Analyzer#normalize}).
 *
 * <p>Analyzers are thread-safe; each caller may keep its own and should close it.
 */
public final class ChineseAnalysis {

  private ChineseAnalysis() {}

  /** SmartCN's words of the Simplified text, with SmartCN's stop words (punctuation). */
  public static Analyzer words() {
    return simplified(new SmartChineseAnalyzer());
  }

  /**
   * Overlapping CJK character bigrams of the Simplified text, without stop words: a phrase of
   * bigrams is an exact substring match that does not depend on SmartCN's segmentation, and 的 or
   * "AI" inside a term must still be part of the phrase.
   */
  public static Analyzer bigrams() {
    return simplified(new CJKAnalyzer(CharArraySet.EMPTY_SET));
  }

  /** {@code delegate} reading its input through {@link SimplifiedChineseCharFilter}. */
  private static Analyzer simplified(Analyzer delegate) {
    return ReaderFilteredAnalyzer.of(delegate, SimplifiedChineseCharFilter::new);
  }
}
