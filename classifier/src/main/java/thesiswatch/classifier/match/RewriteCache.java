package thesiswatch.classifier.match;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * The rewritten form of each query the monitor hands out, computed once. Rewriting a long OR list
 * walks every clause on every match; for term, phrase and boolean queries the result does not
 * depend on the documents, so it is kept. So it is for a wildcard, prefix or regular-expression
 * part ({@link MultiTermQuery}) under a constant-score rewrite, the query parser's default: its
 * rewrite is a wrapper that expands against the document's terms only when it scores. A multi-term
 * part under any other rewrite (scoring, top terms, fuzzy's default) expands into the document's
 * terms as it is rewritten, so its query is rewritten every time.
 *
 * <p>Keyed by identity: the monitor keeps one query object per registered disjunct, and identity
 * needs no deep hash of a long query.
 */
final class RewriteCache {

  /** The rewrites that expand a multi-term query when it scores, not when it is rewritten. */
  private static final Set<MultiTermQuery.RewriteMethod> EXPANDED_WHEN_SCORING =
      Set.of(
          MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE,
          MultiTermQuery.CONSTANT_SCORE_REWRITE,
          MultiTermQuery.DOC_VALUES_REWRITE);

  private final Map<Query, Query> rewritten = Collections.synchronizedMap(new IdentityHashMap<>());

  Query rewrite(IndexSearcher searcher, Query query) throws IOException {
    Query known = rewritten.get(query);
    if (known != null) {
      return known;
    }
    Query result = searcher.rewrite(query);
    if (!expandsPerDocument(query)) {
      rewritten.put(query, result);
    }
    return result;
  }

  private static boolean expandsPerDocument(Query query) {
    boolean[] found = {false};
    query.visit(
        new QueryVisitor() {
          @Override
          public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return this;
          }

          @Override
          public void consumeTermsMatching(
              Query query, String field, Supplier<ByteRunAutomaton> automaton) {
            found[0] |= expandsWhenRewritten(query);
          }

          @Override
          public void visitLeaf(Query leaf) {
            found[0] |= leaf instanceof MultiTermQuery && expandsWhenRewritten(leaf);
          }
        });
    return found[0];
  }

  private static boolean expandsWhenRewritten(Query query) {
    return !(query instanceof MultiTermQuery multiTerm
        && EXPANDED_WHEN_SCORING.contains(multiTerm.getRewriteMethod()));
  }
}
