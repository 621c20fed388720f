package thesiswatch.classifier.match;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.CustomQueryHandler;
import org.apache.lucene.monitor.QueryTree;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;

/**
 * Lets the monitor's presearcher index a regular expression ({@code en:/[1-9][0-9][0-9](m|mn)/})
 * under a term of its own instead of "any token", which made its whole query a candidate to be run
 * for every headline. Each of the set's regular expressions gets a marker term on its field; a
 * headline's term stream gains the marker when one of its terms matches the expression — the very
 * test the {@link RegexpQuery} itself makes of the indexed terms — so the query is a candidate
 * exactly when its regular expression can match. Which queries match does not change.
 *
 * <p>Lucene's own {@code RegexpQueryHandler} indexes n-grams of every term of every headline for
 * this; with a handful of expressions known in advance, running each one's automaton over the
 * headline's few dozen terms is cheaper and exact.
 */
final class RegexpTerms implements CustomQueryHandler {

  /** Starts every marker: no analyzer emits a control character, so no real term collides. */
  private static final String MARKER = "\u0001regexp\u0001";

  /** One regular expression: its field, its marker term and the automaton that tests a term. */
  private record Expression(String field, String marker, CharacterRunAutomaton automaton) {}

  private final Map<RegexpQuery, Expression> byQuery;
  private final Map<String, List<Expression>> byField;

  private RegexpTerms(Map<RegexpQuery, Expression> byQuery) {
    this.byQuery = byQuery;
    this.byField = new LinkedHashMap<>();
    for (Expression expression : byQuery.values()) {
      byField.computeIfAbsent(expression.field(), f -> new ArrayList<>()).add(expression);
    }
  }

  /** The handler for a monitor holding {@code queries}. */
  static RegexpTerms of(Collection<Query> queries) {
    Map<RegexpQuery, Expression> byQuery = new LinkedHashMap<>();
    for (Query query : queries) {
      query.visit(
          new QueryVisitor() {
            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
              return this;
            }

            @Override
            public void visitLeaf(Query leaf) {
              if (leaf instanceof RegexpQuery regexp && !byQuery.containsKey(regexp)) {
                String marker = MARKER + byQuery.size();
                CharacterRunAutomaton automaton = new CharacterRunAutomaton(regexp.getAutomaton());
                byQuery.put(regexp, new Expression(regexp.getField(), marker, automaton));
              }
            }
          });
    }
    return new RegexpTerms(byQuery);
  }

  @Override
  public QueryTree handleQuery(Query query, TermWeightor termWeightor) {
    if (!(query instanceof RegexpQuery regexp)) {
      return null;
    }
    Expression expression = byQuery.get(regexp);
    if (expression == null) {
      // Not one of the set's: the presearcher's default (a candidate for every headline) is safe.
      return null;
    }
    return QueryTree.term(new Term(expression.field(), expression.marker()), termWeightor);
  }

  @Override
  public TokenStream wrapTermStream(String field, TokenStream in) {
    List<Expression> expressions = byField.get(field);
    return expressions == null ? in : new MarkingFilter(in, expressions);
  }

  /**
   * Passes a document's terms through and, after the last, emits the marker of each expression that
   * one of them matched (a terms enumeration holds each term once, so each marker comes once).
   */
  private static final class MarkingFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final List<Expression> expressions;
    private final BitSet matched;
    private boolean termsDone;
    private int nextMarker;

    MarkingFilter(TokenStream in, List<Expression> expressions) {
      super(in);
      this.expressions = expressions;
      this.matched = new BitSet(expressions.size());
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!termsDone) {
        if (input.incrementToken()) {
          for (int i = 0; i < expressions.size(); i++) {
            if (!matched.get(i)
                && expressions.get(i).automaton().run(term.buffer(), 0, term.length())) {
              matched.set(i);
            }
          }
          return true;
        }
        termsDone = true;
      }
      int marker = matched.nextSetBit(nextMarker);
      if (marker < 0) {
        return false;
      }
      nextMarker = marker + 1;
      clearAttributes();
      term.setEmpty().append(expressions.get(marker).marker());
      return true;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      matched.clear();
      termsDone = false;
      nextMarker = 0;
    }
  }
}
