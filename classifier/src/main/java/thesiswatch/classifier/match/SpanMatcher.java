package thesiswatch.classifier.match;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.monitor.CandidateMatcher;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * Runs each candidate query the monitor's presearcher picked, and only for the documents it matches
 * asks Lucene's Matches API where: one pass gives both which queries match and the matched terms'
 * offsets. (Monitor's own {@code HighlightsMatch} asks for matches in every document of a batch for
 * every candidate query.)
 */
final class SpanMatcher extends CandidateMatcher<SpanMatch> {

  private final Set<String> positional;
  private final RewriteCache rewrites;

  /**
   * @param searcher the monitor's searcher over the documents being matched
   * @param positional ids of the queries whose spans are wanted (topic queries); other queries only
   *     report that they matched
   * @param rewrites rewritten forms of the monitor's queries, shared by every match
   */
  SpanMatcher(IndexSearcher searcher, Set<String> positional, RewriteCache rewrites) {
    super(searcher);
    this.positional = positional;
    this.rewrites = rewrites;
    // Each query runs once per document: caching its results or tracking its use is pure overhead.
    searcher.setQueryCache(null);
  }

  @Override
  protected void matchQuery(String queryId, Query matchQuery, Map<String, String> metadata)
      throws IOException {
    Weight weight =
        searcher.createWeight(
            rewrites.rewrite(searcher, matchQuery), ScoreMode.COMPLETE_NO_SCORES, 1f);
    boolean wantSpans = positional.contains(queryId);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      DocIdSetIterator docs = scorer.iterator();
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        List<ThemeMatcher.Span> spans = wantSpans ? spans(weight, leaf, doc) : List.of();
        addMatch(new SpanMatch(queryId, spans), leaf.docBase + doc);
      }
    }
  }

  @Override
  public SpanMatch resolve(SpanMatch match1, SpanMatch match2) {
    return match1.merge(match2);
  }

  private static List<ThemeMatcher.Span> spans(Weight weight, LeafReaderContext leaf, int doc)
      throws IOException {
    Matches matches = weight.matches(leaf, doc);
    if (matches == null) {
      return List.of();
    }
    List<ThemeMatcher.Span> spans = new ArrayList<>(2);
    for (String field : matches) {
      MatchesIterator iterator = matches.getMatches(field);
      while (iterator != null && iterator.next()) {
        int start = iterator.startOffset();
        int end = iterator.endOffset();
        if (start >= 0 && start < end) {
          spans.add(new ThemeMatcher.Span(start, end));
        }
      }
    }
    return spans;
  }
}
