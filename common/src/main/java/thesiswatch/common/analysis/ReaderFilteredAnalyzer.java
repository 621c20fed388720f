package thesiswatch.common.analysis;

import java.io.Reader;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;

/**
 * An analyzer that reads its input, for analysis and for {@linkplain Analyzer#normalize
 * normalisation} (prefix queries) alike, through a char filter before its delegate's tokenizer, so
 * that what a filter folds is folded the same way in the index, in queries and in prefixes.
 */
final class ReaderFilteredAnalyzer {

  private ReaderFilteredAnalyzer() {}

  /** {@code delegate} reading its input through {@code filter}; closing it closes the delegate. */
  static Analyzer of(Analyzer delegate, UnaryOperator<Reader> filter) {
    return new AnalyzerWrapper(delegate.getReuseStrategy()) {
      @Override
      protected Analyzer getWrappedAnalyzer(String fieldName) {
        return delegate;
      }

      @Override
      protected Reader wrapReader(String fieldName, Reader reader) {
        return filter.apply(reader);
      }

      @Override
      protected Reader wrapReaderForNormalization(String fieldName, Reader reader) {
        return filter.apply(reader);
      }

      @Override
      public void close() {
        delegate.close();
        super.close();
      }
    };
  }
}
