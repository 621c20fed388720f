package thesiswatch.classifier.match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * How the monitor's presearcher picks the one term it indexes for a phrase or an AND: of Lucene's
 * default (longer terms first), the term the fewest of the set's queries share. A phrase of CJK
 * bigrams (裁员潮 = 裁员 员潮) then is indexed under 员潮, not under 裁员, which dozens of other phrases start
 * with; so a headline that says 裁员 no longer makes every phrase that begins with it a candidate to
 * be run. Which queries match does not change: the presearcher still indexes a term that every
 * match must contain.
 */
final class RareTermWeightor {

  private RareTermWeightor() {}

  /** The weightor for a monitor holding {@code queries}. */
  static TermWeightor of(Collection<Query> queries) {
    Map<Term, Integer> sharedBy = new HashMap<>();
    for (Query query : queries) {
      for (Term term : terms(query)) {
        sharedBy.merge(term, 1, Integer::sum);
      }
    }
    TermWeightor length = TermWeightor.DEFAULT;
    return term -> length.applyAsDouble(term) / sharedBy.getOrDefault(term, 1);
  }

  /** Each leaf of {@code query} (a term, a phrase) counts its terms once. */
  private static List<Term> terms(Query query) {
    List<Term> result = new ArrayList<>();
    query.visit(
        new QueryVisitor() {
          @Override
          public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
          }

          @Override
          public void consumeTerms(Query leaf, Term... terms) {
            Set<Term> distinct = new LinkedHashSet<>(List.of(terms));
            result.addAll(distinct);
          }
        });
    return result;
  }
}
