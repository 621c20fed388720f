package thesiswatch.classifier.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import thesiswatch.common.Languages;

/**
 * Parses one theme query in Lucene's classic syntax (terms, "phrases", "proximity"~N, AND/OR/NOT,
 * +/-, groups, {@code field:} prefixes) for one language. Not thread-safe: one per parse.
 *
 * <p>Chinese: SmartCN's dictionary is fixed, and the same term can be segmented differently in a
 * query than inside a headline (外卖骑手 alone versus 美团外卖骑手). So every Chinese term or phrase becomes
 * a phrase of CJK bigrams: an exact substring match that does not depend on segmentation. (An extra
 * SmartCN-word phrase beside it never decided a match on the development set and made matching
 * 1.46× slower; see docs/benchmarks.md.) A one-character term, which has no bigram, stays a SmartCN
 * word; proximity ("a b"~N) keeps both fields, since word and bigram distances differ. Queries are
 * converted to Simplified by the same analysis chain as articles ({@link Analyzers}).
 */
public final class ThemeQueryParser extends QueryParser {

  private final boolean chinese;

  private ThemeQueryParser(String defaultField, Analyzer analyzer, boolean chinese) {
    super(defaultField, analyzer);
    this.chinese = chinese;
    // Terms are split on whitespace first (required for the next setting).
    setSplitOnWhitespace(true);
    // A term that analyses to several tokens (外卖骑手 → 外卖 骑手, one-person → one person) is a phrase.
    setAutoGeneratePhraseQueries(true);
    setDefaultOperator(Operator.OR);
  }

  /**
   * Parses {@code text} written in {@code language} ({@link Languages#ZH} or {@link Languages#EN}).
   *
   * @throws ParseException when the text is not a valid query
   */
  public static Query parse(String language, String text, Analyzer analyzer) throws ParseException {
    boolean chinese = language.equals(Languages.ZH);
    ThemeQueryParser parser =
        new ThemeQueryParser(chinese ? Fields.ZH : Fields.EN, analyzer, chinese);
    return parser.parse(text);
  }

  @Override
  protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
    if (!(chinese && field.equals(Fields.ZH))) {
      return super.getFieldQuery(field, text, quoted);
    }
    // One character has no bigram: inside a headline it only exists as part of its neighbours'
    // bigrams.
    Query bigrams =
        text.codePointCount(0, text.length()) > 1
            ? newFieldQuery(getAnalyzer(), Fields.ZH_BIGRAM, text, true)
            : null;
    return bigrams != null ? bigrams : newFieldQuery(getAnalyzer(), Fields.ZH, text, true);
  }

  @Override
  protected Query getFieldQuery(String field, String text, int slop) throws ParseException {
    if (!(chinese && field.equals(Fields.ZH))) {
      return super.getFieldQuery(field, text, slop);
    }
    return eitherField(
        withSlop(newFieldQuery(getAnalyzer(), Fields.ZH, text, true), slop),
        withSlop(newFieldQuery(getAnalyzer(), Fields.ZH_BIGRAM, text, true), slop));
  }

  private static Query eitherField(Query words, Query bigrams) {
    if (words == null || bigrams == null) {
      return words == null ? bigrams : words;
    }
    return new BooleanQuery.Builder()
        .add(words, BooleanClause.Occur.SHOULD)
        .add(bigrams, BooleanClause.Occur.SHOULD)
        .build();
  }

  private static Query withSlop(Query query, int slop) {
    if (query instanceof PhraseQuery phrase) {
      PhraseQuery.Builder builder = new PhraseQuery.Builder().setSlop(slop);
      Term[] terms = phrase.getTerms();
      int[] positions = phrase.getPositions();
      for (int i = 0; i < terms.length; i++) {
        builder.add(terms[i], positions[i]);
      }
      return builder.build();
    }
    if (query instanceof MultiPhraseQuery multi) {
      return new MultiPhraseQuery.Builder(multi).setSlop(slop).build();
    }
    return query;
  }
}
