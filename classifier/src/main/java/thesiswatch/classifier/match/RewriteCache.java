package thesiswatch.classifier.match;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
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
 * depend on the documents, so it is kept. A query with a wildcard, prefix, fuzzy or range part
 * ({@link MultiTermQuery}) may expand against the matched document's terms and is rewritten every
 * time.
 *
 * <p>Keyed by identity: the monitor keeps one query object per registered disjunct, and identity
 * needs no deep hash of a long query.
 */
final class RewriteCache {

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
            found[0] = true;
          }

          @Override
          public void visitLeaf(Query leaf) {
            found[0] |= leaf instanceof MultiTermQuery;
          }
        });
    return found[0];
  }
}
